"""Benchmarks, run on demand: python -m benchmarks [--quick]. Never part of the tests."""
