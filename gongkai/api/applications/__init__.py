"""JSON API of the applications module."""
