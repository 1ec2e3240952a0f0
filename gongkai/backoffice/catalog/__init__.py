"""Back-office pages of the catalog module."""
