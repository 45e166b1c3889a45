"""Prompt templates, kept as data files next to this module."""
