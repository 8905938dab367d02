"""Readers: turn any accepted table file into rows of text, find its header, hand DuckDB the rest."""
