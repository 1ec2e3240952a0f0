"""JSON API of the search module."""
