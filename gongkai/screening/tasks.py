"""Background jobs of screening (run by `gongkai worker`; inline without a queue)."""

from django.tasks import task

from gongkai.jobs.progress import report


@task(takes_context=True)
def rescan(context, actor_id: int | None = None, organization_id: int | None = None) -> dict:
    """Rescan everything published (or one organization's). Resumable and safe to run twice: a retry resumes the
    unfinished run with the same scope instead of starting over."""
    from gongkai.orgs.models import Organization, Person

    from .services import run_rescan

    actor = Person.objects.filter(pk=actor_id).first() if actor_id else None
    organization = Organization.objects.filter(pk=organization_id).first() if organization_id else None

    def progress(_source: str, done: int, run) -> None:
        if done % 50 == 0:
            report(context, done=done)

    run = run_rescan(organization=organization, actor=actor, progress=progress)
    return {"run_id": run.pk}
