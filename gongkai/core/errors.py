"""The base of every domain error: a stable code for programs and a translated message for people."""

from enum import StrEnum


class DomainError(Exception):
    """Raised by services when a rule forbids what was asked; nothing has been changed when it is raised."""

    # A rule saying no does not change by trying again: background jobs are not retried after a DomainError,
    # unless it is transient (a service of ours that cannot be reached now, gongkai/jobs/retry.py).
    transient = False

    def __init__(self, code: StrEnum | str, message: str, *, field: str | None = None, **params):
        self.code = str(code)
        self.message = str(message)
        self.field = field
        self.params = params
        super().__init__(self.message)

    def as_dict(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class CoreErrorCode(StrEnum):
    INVALID_DATE = "core.invalid_date"
    INVALID_COUNT = "core.invalid_count"
    INVALID_SCHEDULE = "core.invalid_schedule"
    PERMISSION_DENIED = "core.permission_denied"
    NOT_FOUND = "core.not_found"
    SMS_FAILED = "core.sms_failed"
    STORAGE_FAILED = "core.storage_failed"


class CoreError(DomainError):
    pass


class AccessDenied(DomainError):
    """The person may not see or do this. Views turn it into 403 (or 404 where existence itself is private)."""

    def __init__(self, message: str = "", code: StrEnum | str = CoreErrorCode.PERMISSION_DENIED):
        from django.utils.translation import gettext

        super().__init__(code, message or gettext("您没有权限执行此操作。"))


class NotInScope(AccessDenied):
    """The object does not exist or lies outside every organization the person acts in. Views answer 404, the same
    as for an unknown id, so that nobody learns what exists elsewhere; AccessDenied itself (403) is kept for an
    object the person may see but not act on in that way."""

    def __init__(self, message: str = ""):
        from django.utils.translation import gettext

        super().__init__(message or gettext("找不到该对象，或它不在您的工作范围内。"), code=CoreErrorCode.NOT_FOUND)
