"""JSON API of the publishing module."""
