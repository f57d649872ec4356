"""Where the stages run: engines (this process, worker processes, Dask), the parse cache, shards, atomic output."""
