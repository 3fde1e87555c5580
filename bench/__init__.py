"""The benchmark: corpus builder, measurement workers and the runner (python bench/run.py)."""
