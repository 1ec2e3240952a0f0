"""Whole-site rescans: a lexicon change reaches old content; runs are resumable and listed."""

import pytest
from django.core.management import call_command

from gongkai.core.models import AuditEntry
from gongkai.screening import registry
from gongkai.screening.kinds import Kind
from gongkai.screening.models import Finding, ScanRun
from gongkai.screening.selectors import findings_for
from gongkai.screening.services import create_expression, run_rescan


@pytest.fixture
def published(department, other_department):
    """A stand-in source: two organizations' "published" texts (the targets are the organizations themselves)."""
    texts = {
        department.pk: [("正文", "根据国家工商总局的要求，现予公示。")],
        other_department.pk: [("正文", "联系电话：13812345678。")],
    }

    def iter_fn(organization=None):
        for target in sorted((department, other_department), key=lambda item: item.pk):
            if organization is None or organization == target:
                yield target, target, texts[target.pk]

    registry.register_source("test", iter_fn)
    yield texts
    registry.unregister_source("test")


def test_lexicon_change_reaches_old_content_on_rescan(published, department, other_department, office):
    first = run_rescan(actor=office)
    assert first.status == ScanRun.Status.FINISHED
    assert first.targets_done == 2
    assert list(findings_for(department)) == []
    assert [f.kind for f in findings_for(other_department)] == [Kind.MOBILE]
    create_expression(wrong="国家工商总局", right="国家市场监督管理总局", actor=office)
    second = run_rescan(actor=office)
    assert second.pk != first.pk
    assert [(f.kind, f.suggestion, f.scan_run_id) for f in findings_for(department)] == [
        (Kind.EXPRESSION, "国家市场监督管理总局", second.pk)
    ]
    assert second.findings_total == 2
    assert AuditEntry.objects.filter(action="screening.scan_run.finished").count() == 2


def test_interrupted_rescan_resumes_from_its_cursor(published, department, other_department):
    paused = run_rescan(limit=1)
    assert (paused.status, paused.targets_done, paused.cursor.get("test")) == (ScanRun.Status.INTERRUPTED, 1, 1)
    screened = AuditEntry.objects.filter(action="screening.target.screened")
    assert list(screened.values_list("target_id", flat=True)) == [str(department.pk)]
    assert not Finding.objects.exists()
    resumed = run_rescan()
    assert resumed.pk == paused.pk
    assert (resumed.status, resumed.targets_done) == (ScanRun.Status.FINISHED, 2)
    assert Finding.objects.filter(kind=Kind.MOBILE).count() == 1


def test_rescan_of_one_organization(published, department, other_department):
    run = run_rescan(organization=other_department)
    assert (run.organization, run.targets_done) == (other_department, 1)
    assert not Finding.objects.filter(organization=department).exists()


def test_screen_all_command_reports_progress_and_totals(published, capsys, other_department):
    call_command("screen", "--all", "--org", other_department.name)
    captured = capsys.readouterr()
    assert "第 1 项" in captured.err
    assert "共 1 个对象，发现 1 处问题，其中 1 处阻止发布" in captured.out
