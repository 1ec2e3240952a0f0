"""Back-office pages of the search module."""
