"""WSGI entry point (serve with gunicorn: `gunicorn gongkai.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

# Load every URL pattern (and so every view module) now, in the process gunicorn forks from with --preload, or in each
# worker at start: the first visitor of a fresh worker must not wait for the imports.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
