"""Background work of the villages app, enqueued every morning by `gongkai scheduler` (entry `villages.daily`).

Safe to run twice: an issue is reminded (催办) once a day (`reminded_on`), closing unrated issues looks at their state,
and each person gets one reminder message per channel and day (the log's unique row).
"""

import io
from datetime import date
from pathlib import Path
from typing import cast

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from gongkai.jobs.progress import done_before, mark_done, report

from .services import close_unrated_issues, remind_due_issues
from .services.reminders import send_village_reminders


@task
def daily(day: str = "") -> dict:
    """催办 due issue steps, close issues left unrated, and send the day's reminder messages."""
    on = date.fromisoformat(day) if day else None
    reminded = remind_due_issues(on=on)
    closed = close_unrated_issues(on=on)
    sent = send_village_reminders(on=on)
    return {"reminded": len(reminded), "closed": len(closed), "messages": len(sent)}


def upload_dir() -> Path:
    """Where an uploaded accounting export waits for its import job (named by a random token), outside the media
    folder (nginx never serves it)."""
    path = Path(settings.GONGKAI_JOB_FILES_DIR) / "uploads" / "villages"
    path.mkdir(parents=True, exist_ok=True)
    return path


@task(takes_context=True)
def import_statement_upload(
    context, organization_id: int, token: str, file_name: str, period_kind: str, year: int, period: int, person_id: int
) -> dict:
    """Import the accounting export uploaded under `token` as a village's finance statement (a draft record): all or
    nothing, every error listed. Once per token: the statement and the mark that it was made commit together, so a
    retry after a failure imports and a second run after success makes no second statement."""
    from gongkai.core.errors import DomainError
    from gongkai.orgs.models import Organization, Person

    from .models import FinanceStatement
    from .services import import_statement

    key = f"villages.statement_import:{token}"
    if done_before(key):
        found = FinanceStatement.objects.filter(
            organization_id=organization_id, period_kind=period_kind, year=year, period=period
        ).first()
        return {"ok": True, "repeated": True, "record_id": found.record_id if found else None, "lines": 0}
    path = upload_dir() / f"{token}.bin"
    report(context, done=0, total=1, note=file_name)
    try:
        with transaction.atomic():
            statement = import_statement(
                organization=Organization.objects.get(pk=organization_id),
                actor=Person.objects.get(pk=person_id),
                upload=io.BytesIO(path.read_bytes()),
                period_kind=period_kind,
                year=year,
                period=period,
            )
            mark_done(key)
    except DomainError as error:
        path.unlink(missing_ok=True)
        errors = [str(item) for item in (error.params.get("errors") or [error.message])]
        report(context, done=1, total=1, note=str(error.message)[:200])
        return {"ok": False, "errors": errors}
    path.unlink(missing_ok=True)
    statement = cast(FinanceStatement, statement)  # without dry_run the service returns the statement
    lines = statement.lines.count()
    report(context, done=1, total=1, note=_("已导入 %(count)s 条收支明细，合计核对无误。") % {"count": lines})
    return {"ok": True, "repeated": False, "record_id": statement.record_id, "lines": lines}
