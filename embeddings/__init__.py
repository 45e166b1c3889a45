"""Ingestion side of ragqa: loading, cleaning, article splitting, chunking, embedding and the index."""
