"""Answer generators: extractive (offline default) and LLM-backed, with citation verification."""
