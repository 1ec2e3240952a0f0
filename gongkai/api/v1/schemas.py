"""Schemas shared by every router: the error body, and strict types for request bodies."""

import re
from datetime import date
from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator, Field, StrictBool, StrictInt, WithJsonSchema

__all__ = ["ERRORS", "STAFF_ERRORS", "ErrorOut", "Id", "IsoDate", "StrictBool", "StrictInt"]


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


# The error answers every endpoint may give, to merge into its `response=` declaration.
ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
STAFF_ERRORS = {**ERRORS, 401: ErrorOut, 403: ErrorOut}


def _iso_date_text(value):
    """Dates are written YYYY-MM-DD; pydantic would otherwise also read numbers as Unix timestamps."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("应为 YYYY-MM-DD 格式的日期")
    return value


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[date, BeforeValidator(_iso_date_text), WithJsonSchema({"type": "string", "format": "date"})]

# A database id: positive and within a signed 64-bit integer, so that no number a client sends overflows the
# database driver (SQLite raised OverflowError on 23534017383996485632).
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
