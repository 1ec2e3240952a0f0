"""Background work of oversight, run once a day by `gongkai scheduler` (gongkai/jobs/schedule.py): the
self-inspection, the reminder digests and the refresh of the month-end scores behind the trend charts.

All are safe to run twice: inspection keeps one row per finding, reminders claim one log row per person, channel
and day, and refreshing scores only recomputes them. The same work is available as `gongkai oversight inspect`
and `gongkai oversight remind`.
"""

from django.tasks import task
from django.utils.translation import gettext as _

from gongkai.jobs.progress import report
from gongkai.orgs.models import Person

from .scoring import refresh_trends
from .services import run_inspection, send_reminders


@task(takes_context=True)
def daily_inspection(context) -> int:
    report(context, done=0, total=1, note=_("网站自查"))
    run = run_inspection()
    report(context, done=1, total=1, note=_("发现问题 %(count)s 条") % {"count": run.findings_total})
    return run.findings_total


@task
def daily_reminders() -> int:
    return len(send_reminders())


@task(takes_context=True)
def refresh_scores(context) -> int:
    """Recompute the month-end scores of every running scheme, so that the trend pages answer from the cache."""
    return refresh_trends(progress=lambda done, total: report(context, done=done, total=total, note=_("月末得分")))


@task
def inspection_for(person_id: int) -> dict:
    """The 立即检查 button: check every site in the person's scope now (without external links, which the daily
    run checks). Safe to run twice: a second run finds the same findings and keeps them."""
    run = run_inspection(actor=Person.objects.get(pk=person_id), external=False)
    return {"run_id": run.pk, "total": run.findings_total, "veto": run.veto_total}
