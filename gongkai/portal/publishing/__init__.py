"""Public portal pages of the publishing module."""
