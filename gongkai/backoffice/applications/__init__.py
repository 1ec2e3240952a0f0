"""Back-office pages of the applications module."""
