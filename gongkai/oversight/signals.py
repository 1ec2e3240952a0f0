"""Signals of oversight, sent after commit (receivers such as the static pages see the committed data)."""

from django.dispatch import Signal

leaderboard_changed = Signal()  # published: the public leaderboard was published (True) or taken down (False)
