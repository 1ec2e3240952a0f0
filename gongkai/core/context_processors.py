"""Template context shared by the back office and the portal."""

from django.conf import settings


def site(request):
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "elder_mode": request.COOKIES.get("elder_mode") == "1",
    }
