"""Signals of the organizations app, sent after commit (receivers such as the static pages see the committed data)."""

from django.dispatch import Signal

site_changed = Signal()  # the portal's site settings (name, 主办单位, 备案号, footer contacts) were saved
organization_changed = Signal()  # organization_id: an organization's name or public profile was changed
