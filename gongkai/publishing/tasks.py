"""Background jobs of publishing (run by `gongkai worker`, enqueued by `gongkai scheduler`)."""

from django.tasks import task


@task
def publish_due() -> dict:
    """Publish the scheduled records that are due and take down ended displays. Safe to run twice: a record already
    published or expired is no longer due."""
    from .services import publish_due as publish_due_now

    result = publish_due_now()
    return {
        "published": result["published"],
        "expired": result["expired"],
        "failed": [[record_id, str(message)] for record_id, message in result["failed"]],
    }
