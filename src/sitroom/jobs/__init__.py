"""Running the pipeline over many inputs; ``nlp/`` only knows one document at a time.

``plan`` chooses the process count and every chunk and batch size; ``parallel`` runs
extraction here or in forked workers; ``prepare`` is the pure per-input work (path -> read
result + extractions) that pipelined ingest runs ahead in forked or Dask workers;
``ingest`` reads inputs into the store (one transaction each, in input order);
``reprocess`` re-extracts stored articles; ``cluster`` fans out over Dask (the only module
that imports it); ``synthetic`` makes test and benchmark text.
"""
