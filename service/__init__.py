"""Serving side of ragqa: HTTP app, retrieval, answering and LLM clients."""
