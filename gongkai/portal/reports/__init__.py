"""Public portal pages of the reports module."""
