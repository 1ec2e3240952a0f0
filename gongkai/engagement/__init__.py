"""Public engagement (政民互动): inquiries and mailboxes, comment solicitation, satisfaction surveys, ratings."""
