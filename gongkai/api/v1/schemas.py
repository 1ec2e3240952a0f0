"""Schemas shared by every router: the error body."""

from ninja import Schema


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


# The error answers every endpoint may give, to merge into its `response=` declaration.
ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
STAFF_ERRORS = {**ERRORS, 401: ErrorOut, 403: ErrorOut}
