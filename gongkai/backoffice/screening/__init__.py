"""Back-office pages of the screening module."""
