"""Public portal pages of the search module."""
