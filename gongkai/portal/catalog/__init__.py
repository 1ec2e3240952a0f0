"""Public portal pages of the catalog module."""
