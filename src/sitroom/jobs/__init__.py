"""Running the pipeline over many inputs: ingest, reprocess, and the Dask fan-out."""
