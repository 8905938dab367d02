-- The metric catalogue, step 2: an empty metric_values (request_id, value). Each metric file
-- adds a row for every request that has data; a request without a row has no data
-- ("không có dữ liệu"). Values are as published: rounded half up to 4 decimals.
CREATE OR REPLACE TEMP TABLE metric_values (request_id BIGINT, value DOUBLE)
