"""Emulation campaigns (phong trào thi đua, CONTRACT §2.7): campaign files read and checked
(load, schema, rules, messages), the metric catalogue over any period (sql/metrics/), scorecard
and ranking (sql/campaigns/). Entry points: pipelines.campaigns.evaluate."""
