"""Whole-site rescans: screen everything the registry's sources yield, resumably."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import log

from .. import registry
from ..errors import ScreeningError, ScreeningErrorCode
from ..lexicon import current_lexicon
from ..models import ScanRun
from ..selectors import open_scan_run
from .findings import screen_target

CURSOR_EVERY = 20


def _start_run(*, organization, actor, restart: bool) -> tuple[ScanRun, bool]:
    with transaction.atomic():
        run = None if restart else open_scan_run(organization=organization)
        if run is not None:
            ScanRun.objects.filter(pk=run.pk).update(status=ScanRun.Status.RUNNING)
            run.refresh_from_db()
            log("screening.scan_run.resumed", actor=actor, target=run, organization=organization, data=run.cursor)
            return run, True
        if restart:
            ScanRun.objects.filter(
                organization=organization, status__in=(ScanRun.Status.RUNNING, ScanRun.Status.INTERRUPTED)
            ).update(status=ScanRun.Status.INTERRUPTED)
        run = ScanRun.objects.create(
            organization=organization, started_by=actor if getattr(actor, "pk", None) else None
        )
        log("screening.scan_run.started", actor=actor, target=run, organization=organization, data={})
        return run, False


def _save_cursor(run: ScanRun, *, done: int, findings: int, blocking: int) -> None:
    ScanRun.objects.filter(pk=run.pk).update(
        cursor=run.cursor,
        targets_done=F("targets_done") + done,
        findings_total=F("findings_total") + findings,
        blocking_total=F("blocking_total") + blocking,
    )


def run_rescan(
    *,
    organization=None,
    actor=None,
    restart: bool = False,
    progress: Callable[[str, int, ScanRun], None] | None = None,
    limit: int | None = None,
) -> ScanRun:
    """Rescan every registered source (optionally one organization). Resumes the latest unfinished run with the same
    scope unless `restart`; stops after `limit` targets (leaving the run interrupted, to be resumed)."""
    sources = registry.sources()
    if not sources:
        raise ScreeningError(
            ScreeningErrorCode.UNKNOWN_SOURCE, _("没有可复查的内容来源：信息发布模块尚未注册已发布信息。")
        )
    run, _resumed = _start_run(organization=organization, actor=actor, restart=restart)
    lexicon = current_lexicon()
    ScanRun.objects.filter(pk=run.pk).update(lexicon_version=lexicon.version[:80])
    processed = 0
    try:
        for name, iter_fn in sources.items():
            already = int(run.cursor.get(name, 0))
            if run.cursor.get(f"{name}:finished"):
                continue
            position = 0
            pending = [0, 0, 0]
            for target, target_organization, texts in iter_fn(organization=organization):
                position += 1
                if position <= already:
                    continue
                if limit is not None and processed >= limit:
                    raise _Paused
                findings = screen_target(
                    target=target,
                    texts=texts,
                    organization=target_organization,
                    actor=actor,
                    lexicon=lexicon,
                    scan_run=run,
                )
                processed += 1
                pending[0] += 1
                pending[1] += len(findings)
                pending[2] += sum(finding.blocks for finding in findings)
                run.cursor[name] = position
                if pending[0] >= CURSOR_EVERY:
                    _save_cursor(run, done=pending[0], findings=pending[1], blocking=pending[2])
                    pending = [0, 0, 0]
                if progress:
                    progress(name, position, run)
            run.cursor[f"{name}:finished"] = True
            _save_cursor(run, done=pending[0], findings=pending[1], blocking=pending[2])
    except (_Paused, KeyboardInterrupt) as stop:
        _save_cursor(run, done=pending[0], findings=pending[1], blocking=pending[2])
        ScanRun.objects.filter(pk=run.pk).update(status=ScanRun.Status.INTERRUPTED)
        run.refresh_from_db()
        log("screening.scan_run.interrupted", actor=actor, target=run, organization=organization, data=run.cursor)
        if isinstance(stop, KeyboardInterrupt):
            raise
        return run
    with transaction.atomic():
        ScanRun.objects.filter(pk=run.pk).update(status=ScanRun.Status.FINISHED, finished_at=timezone.now())
        run.refresh_from_db()
        log(
            "screening.scan_run.finished",
            actor=actor,
            target=run,
            organization=organization,
            data={"targets": run.targets_done, "findings": run.findings_total, "blocking": run.blocking_total},
        )
    return run


class _Paused(Exception):
    pass
