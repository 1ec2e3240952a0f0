"""Background jobs of the catalog started from the back office: exports and confirmed imports (run by `gongkai
worker`; inline without a queue). Both take ids and are safe to run twice."""

import io
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import task

from gongkai.jobs.progress import done_before, mark_done, report
from gongkai.jobs.results import save_result
from gongkai.orgs.models import Person

from .exporting import EXPORTERS
from .handbook import render_pdf
from .importing import import_catalog
from .models import Catalog

EXPORT_SUFFIXES = ("xlsx", "csv", "json", "pdf")


def upload_dir() -> Path:
    """Where an import's checked workbook waits for its confirmation (named by a random token)."""
    path = Path(settings.MEDIA_ROOT) / "catalog-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def export_content(catalog, suffix: str) -> bytes:
    if suffix == "pdf":
        return render_pdf(catalog)
    stream = io.BytesIO()
    EXPORTERS[f".{suffix}"](catalog, stream)
    return stream.getvalue()


@task(takes_context=True)
def export_catalog(context, catalog_id: int, suffix: str, person_id: int) -> str:
    """Write the catalog as .xlsx/.csv/.json or its handbook as .pdf into the person's result file. A second run
    writes the same file again."""
    catalog = Catalog.objects.select_related("organization").get(pk=catalog_id)
    report(context, done=0, total=1)
    save_result(
        context,
        person_id=person_id,
        file_name=f"catalog-{catalog.prefix}.{suffix}",
        content=export_content(catalog, suffix),
    )
    report(context, done=1, total=1)
    return f"catalog-{catalog.prefix}.{suffix}"


@task(takes_context=True)
def import_catalog_upload(context, catalog_id: int, token: str, file_name: str, person_id: int) -> dict:
    """Import the workbook checked earlier (the dry run) and kept under `token`. Once per token: the import and
    the mark that it happened commit together, so a retry or a second run after success imports nothing again."""
    key = f"catalog.import:{token}"
    if done_before(key):
        return {"ok": True, "repeated": True, "created": 0, "updated": 0, "unchanged": 0}
    path = upload_dir() / f"{token}.bin"
    catalog = Catalog.objects.get(pk=catalog_id)
    actor = Person.objects.get(pk=person_id)
    report(context, done=0, total=1, note=file_name)
    with transaction.atomic():
        result = import_catalog(catalog=catalog, content=path.read_bytes(), actor=actor, file_name=file_name)
        if result.ok:
            mark_done(key)
    if result.ok:
        path.unlink(missing_ok=True)
    report(context, done=1, total=1, note=file_name)
    problems = [str(problem) for problem in result.problems[:20]]
    return {**result.as_dict(), "ok": result.ok, "repeated": False, "problems": problems}
