"""Back-office pages of the publishing module."""
