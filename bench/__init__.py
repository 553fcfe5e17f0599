"""The benchmarks; each is a module run from the repository root, e.g. `python -m bench.poll` (see bench/README.md)."""
