"""JSON API of the screening module."""
