"""Gongkai benchmarks: each `bench/<name>_*.py` module with a `main(argv)` function is one benchmark."""
