"""Benchmarks: latency at scale, memory per chunk, and the baselines they are compared with.

Run them all with ``ragqa bench`` (or ``make bench``); each part is also ``python -m bench.<part>``.
"""
