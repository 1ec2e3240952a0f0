"""Static pages on the task queue. Tasks take topics (names and ids), never objects, and re-read everything."""

from django.tasks import task

from gongkai.jobs.progress import report

from . import registry, service


@task(takes_context=True)
def render_topics(context, topics: list[str]) -> dict:
    """Re-render every page the change announced by `topics` made stale. Safe to run twice."""
    if not service.enabled():
        return {"pages": 0}
    urls = registry.stale_urls(topics)
    return service.refresh(urls, progress=lambda done, total: report(context, done=done, total=total))


@task()
def render_frequent() -> dict:
    """The day's 热门 lists changed (they are counted per day): re-render the home page and /hot/ (scheduled daily)."""
    if not service.enabled():
        return {"pages": 0}
    return service.refresh(registry.stale_urls(["frequent"]))


@task(takes_context=True)
def rebuild_pages(context) -> dict:
    """The nightly full rebuild (`gongkai static rebuild` does the same from the command line)."""
    if not service.enabled():
        return {"pages": 0}
    return service.rebuild(progress=lambda done, total: step(context, done, total))


def step(context, done: int, total: int) -> None:
    if done == total or done % 25 == 0:
        report(context, done=done, total=total, note="")
