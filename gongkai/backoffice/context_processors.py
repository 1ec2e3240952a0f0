"""Context for back-office templates: the navigation and the person's organizations."""

from .navigation import navigation_for


def backoffice(request):
    if not request.path.startswith("/backoffice/") or not request.user.is_authenticated:
        return {}
    return {"navigation": navigation_for(request)}
