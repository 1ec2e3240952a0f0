"""Background jobs of search (run by `gongkai worker`; inline without a queue)."""

from django.tasks import task

from gongkai.jobs.progress import report


@task(takes_context=True)
def reindex_all(context, actor_id: int | None = None, organization_id: int | None = None) -> int:
    """Rebuild the index (or one organization's part). Safe to run twice: it rebuilds from the public selectors."""
    from gongkai.orgs.models import Organization, Person

    from .services import reindex

    actor = Person.objects.filter(pk=actor_id).first() if actor_id else None
    organization = Organization.objects.filter(pk=organization_id).first() if organization_id else None

    def progress(done: int) -> None:
        if done % 200 == 0:
            report(context, done=done, note="")

    count = reindex(actor=actor, organization=organization, progress=progress)
    report(context, done=count, total=count)
    return count


@task()
def index_later(keys: list[list]) -> int:
    """Index objects whose indexing failed because the search service could not be reached when they changed. Run by
    the worker; while the service stays unreachable the attempt fails and is retried with backoff
    (gongkai/jobs/retry.py). Idempotent: it re-reads what is public now."""
    from .services import index_objects

    index_objects({(str(kind), int(object_id)) for kind, object_id in keys})
    return len(keys)
