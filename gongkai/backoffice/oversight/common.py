"""Helpers of the oversight back-office pages: object lookups that answer 404 outside a person's scope."""

from django.http import Http404

from gongkai.core.errors import AccessDenied


def or_404(lookup, **kwargs):
    """Call an access function; an object outside the person's scope is reported as not found."""
    try:
        return lookup(**kwargs)
    except AccessDenied as error:
        raise Http404 from error
