"""Fixtures of the reports tests."""

from .scenario import data  # noqa: F401
