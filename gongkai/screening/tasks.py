"""Background jobs of screening (run by `gongkai worker`; inline without a queue)."""

import io
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from gongkai.jobs.progress import done_before, mark_done, report


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


def upload_dir() -> Path:
    """Where an uploaded lexicon or expression table waits for its import job (named by a random token), outside
    the media folder (nginx never serves it)."""
    path = Path(settings.GONGKAI_JOB_FILES_DIR) / "uploads" / "screening"
    path.mkdir(parents=True, exist_ok=True)
    return path


@task(takes_context=True)
def import_list_upload(context, list_name: str, token: str, file_name: str, dry_run: bool, person_id: int) -> dict:
    """Check (dry run) or import the table uploaded under `token` into the lexicon or the expression pairs: all or
    nothing, every bad row reported. An import happens once per token: the import and the mark that it happened
    commit together, so a retry after a failure imports and a second run after success does nothing."""
    from gongkai.orgs.models import Person

    from .errors import ScreeningError
    from .services import import_expressions, import_lexicon

    key = f"screening.import:{token}"
    if not dry_run and done_before(key):
        return {"ok": True, "repeated": True, "rows": 0, "created": 0, "updated": 0, "unchanged": 0}
    importer = import_lexicon if list_name == "lexicon" else import_expressions
    path = upload_dir() / f"{token}.bin"
    actor = Person.objects.get(pk=person_id)
    report(context, done=0, total=1, note=file_name)
    try:
        with transaction.atomic():
            result = importer(file=io.BytesIO(path.read_bytes()), filename=file_name, actor=actor, dry_run=dry_run)
            if not dry_run:
                mark_done(key)
    except ScreeningError as error:
        errors = [asdict(row) for row in getattr(error, "errors", [])[:500]]
        report(context, done=1, total=1, note=str(error.message))
        path.unlink(missing_ok=True)
        return {"ok": False, "message": str(error.message), "errors": errors}
    path.unlink(missing_ok=True)
    counts = {"rows": result.rows, "created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    note = _("共 %(rows)d 行：新增 %(created)d，更新 %(updated)d，未变 %(unchanged)d。") % counts
    report(context, done=1, total=1, note=(_("检查通过，未导入。") if dry_run else "") + note)
    return {"ok": True, "repeated": False, "dry_run": dry_run, **counts}
