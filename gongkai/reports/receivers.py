"""What the reports app does when the applications app announces an imported register."""

from gongkai.applications.signals import import_warnings_requested, register_imported
from gongkai.publishing.signals import record_changed, record_published, record_withdrawn
from gongkai.services.signals import guide_changed


def on_register_imported(sender, pairs=None, **kwargs):
    from .services.reports import note_data_changed

    note_data_changed(pairs=set(pairs or ()))


def published_report_warnings(sender, pairs=None, **kwargs) -> list[str]:
    """Warn whoever imported a register that a published annual report no longer matches the figures."""
    from .models import ReportStatus
    from .services.reports import reports_covering

    return [
        f"{annual.organization.name}{annual.year}年度报告已发布，本次导入改变了该年度的数据；"
        "已发布的报告保持原样，请核对后重新统计、重新发布。"
        for annual in reports_covering(set(pairs or ()))
        if annual.status == ReportStatus.PUBLISHED
    ]


def statistics_changed(sender, **kwargs) -> None:
    """A record, a guide or an imported register changed what the public statistics count: recompute on next visit."""
    from .statistics import invalidate

    invalidate()


def connect() -> None:
    for signal in (record_published, record_changed, record_withdrawn, guide_changed, register_imported):
        signal.connect(statistics_changed, dispatch_uid=f"reports.statistics_changed.{id(signal)}")
    register_imported.connect(on_register_imported, dispatch_uid="reports.note_data_changed")
    import_warnings_requested.connect(published_report_warnings, dispatch_uid="reports.published_report_warnings")
