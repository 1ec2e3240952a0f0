"""JSON written as UTF-8 with orjson: Chinese stays readable (ninja's default renderer escapes it as \\uXXXX)."""

from decimal import Decimal

import orjson
from django.utils.functional import Promise
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

_fallback = NinjaJSONEncoder()


def _default(value):
    if isinstance(value, Promise):  # lazy translations
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return _fallback.default(value)


class Utf8JsonRenderer(BaseRenderer):
    media_type = "application/json"
    charset = "utf-8"

    def render(self, request, data, *, response_status: int) -> bytes:
        return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)
