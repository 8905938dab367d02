"""The benchmark of issue 3: cchc against the DuckDB floor and a pandas peer (see bench/README.md)."""
