"""JSON API of the reports module."""
