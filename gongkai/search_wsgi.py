"""WSGI entry point of the search service (`gongkai searchservice`, or `gunicorn gongkai.search_wsgi`): the
embedded index on this machine, answering the app servers (gongkai/search/service.py)."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
django.setup()

from gongkai.search.service import application  # noqa: E402

__all__ = ["application"]
