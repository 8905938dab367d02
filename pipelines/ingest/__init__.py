"""Ingest: raw files → parsed rows (cached per file) → row outcomes and staging tables."""
