"""`gongkai check`: the search settings an app server needs before its first search (docs/search.md)."""

from django.conf import settings
from django.core.checks import Error

from .backends import BACKENDS

MIN_TOKEN_LENGTH = 32


def search_settings_check(app_configs=None, **kwargs) -> list[Error]:
    setting = (settings.GONGKAI_SEARCH_BACKEND or "auto").strip().lower()
    if setting not in BACKENDS:
        return [
            Error(
                f"GONGKAI_SEARCH_BACKEND={setting!r} 不是可用的检索引擎。",
                hint=f"Choose one of {', '.join(BACKENDS)}.",
                id="gongkai.E201",
            )
        ]
    if setting != "service":
        return []
    errors = []
    if not settings.GONGKAI_SEARCH_SERVICE_URL.startswith(("http://", "https://")):
        errors.append(
            Error(
                "GONGKAI_SEARCH_BACKEND=service 需要检索服务地址 GONGKAI_SEARCH_SERVICE_URL（http://主机:端口）。",
                hint="The address of the machine that runs `gongkai searchservice`, e.g. http://10.0.0.5:8700.",
                id="gongkai.E202",
            )
        )
    if len(settings.GONGKAI_SEARCH_SERVICE_TOKEN) < MIN_TOKEN_LENGTH:
        errors.append(
            Error(
                f"GONGKAI_SEARCH_SERVICE_TOKEN 至少应有 {MIN_TOKEN_LENGTH} 个字符，且与检索服务相同。",
                hint="python -c 'import secrets; print(secrets.token_urlsafe(32))'",
                id="gongkai.E203",
            )
        )
    return errors
