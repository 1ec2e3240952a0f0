"""Background tasks of the engagement app (run by `gongkai worker`; the reminders enqueued daily by
`gongkai scheduler`): thin, taking plain values, safe to retry."""

from datetime import date

from django.tasks import task
from django.utils import timezone

from gongkai.core import audit
from gongkai.jobs.progress import done_before, mark_done, report
from gongkai.jobs.results import save_result
from gongkai.orgs.models import Person

from .models import Survey
from .services.counting import count_event
from .services.reminders import send_reminders as send_reminders_now
from .survey_export import export_survey


@task
def record_count(kind: str, object_id: int, event: str, day: str) -> None:
    """Count one reading, share or rating, for the day it happened (not the day the worker runs)."""
    count_event(kind=kind, object_id=object_id, event=event, day=date.fromisoformat(day))


@task
def send_reminders(day: str = "") -> dict:
    """The day's digest of inquiries near or past their reply deadline (and those at veto risk), sent once per day
    however often the job runs (a retry, two schedulers)."""
    day = day or timezone.localdate().isoformat()
    key = f"engagement.remind:{day}"
    if done_before(key):
        return {"day": day, "sent": 0, "skipped": True}
    sent = send_reminders_now()
    mark_done(key)
    return {"day": day, "sent": len(sent), "skipped": False}


@task(takes_context=True)
def export_survey_file(context, survey_id: int, person_id: int) -> str:
    """The survey's answers as .xlsx for the person who asked (started from the back office after its access
    check). A second run writes the same file again; each file made is logged."""
    survey = Survey.objects.select_related("organization").get(pk=survey_id)
    person = Person.objects.get(pk=person_id)
    report(context, done=0, total=1)
    name = f"survey-{survey.pk}.xlsx"
    save_result(context, person_id=person.pk, file_name=name, content=export_survey(survey))
    audit.log("engagement.survey.exported", actor=person, target=survey, organization=survey.organization)
    report(context, done=1, total=1)
    return name
