"""Public portal pages of the applications module."""
