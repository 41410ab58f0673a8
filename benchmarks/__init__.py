"""The benchmark suite: `python benchmarks/run.py` (see README.md). Not a test: it measures."""
