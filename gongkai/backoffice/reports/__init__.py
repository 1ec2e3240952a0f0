"""Back-office pages of the reports module."""
