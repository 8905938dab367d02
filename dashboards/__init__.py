"""The Streamlit dashboard of cchc (issue 5): reads only the published Parquet marts."""
