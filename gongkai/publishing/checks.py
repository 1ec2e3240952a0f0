"""Registered content checks, run before a record is submitted and before it is published.

A check is a function `check(*, record, actor) -> list[Issue]`. Blocking issues stop submission and publication;
warnings must be acknowledged (through the app that owns them) before publication. The screening app's check is
registered by default in `PublishingConfig.ready`; other apps may add their own with `register_check`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .sanitizing import html_to_text


@dataclass(frozen=True)
class Issue:
    check: str
    message: str
    location: str = ""
    blocking: bool = False
    acknowledged: bool = False
    url: str = ""


@dataclass
class CheckReport:
    issues: list[Issue] = field(default_factory=list)

    @property
    def blocking(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.blocking]

    @property
    def unacknowledged_warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if not issue.blocking and not issue.acknowledged]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if not issue.blocking]


Check = Callable[..., list[Issue]]
_CHECKS: dict[str, Check] = {}


def register_check(name: str, check: Check) -> None:
    """Add (or replace) a named check; registering the same name twice keeps one."""
    _CHECKS[name] = check


def unregister_check(name: str) -> None:
    _CHECKS.pop(name, None)


def registered_checks() -> dict[str, Check]:
    return dict(_CHECKS)


def run_checks(*, record, actor) -> CheckReport:
    report = CheckReport()
    for _name, check in sorted(_CHECKS.items()):
        report.issues.extend(check(record=record, actor=actor))
    return report


def record_texts(record) -> list[tuple]:
    """(location, text) pairs of everything the public would read: metadata, body and attachment text.

    Attachment text comes as screening's `Extracted`, so findings point at the page, paragraph or cell.
    """
    texts: list[tuple] = [("标题", record.title), ("文号", record.doc_number), ("主题词", record.keywords)]
    texts += [("内容概述", record.summary), ("正文", html_to_text(record.body))]
    # An interpretation's long description (图解) and transcript (视频) are public text like the body.
    texts += [("图解文字说明", record.long_description), ("视频文字稿", record.transcript)]
    for attachment in record.attachments.filter(is_active=True).order_by("sort_order", "id"):
        texts.append((f"附件{attachment.pk}：{attachment.original_name}"[:100], attachment_extracted(attachment)))
    return [(location, text) for location, text in texts if text and (getattr(text, "text", text))]


def attachment_extracted(attachment):
    from gongkai.screening.extraction import Extracted

    segments = attachment.extracted_segments or []
    return Extracted(
        text=attachment.extracted_text,
        content_type=attachment.content_type,
        name=attachment.original_name,
        starts=[start for _label, start in segments],
        labels=[label for label, _start in segments],
    )


def screening_check(*, record, actor) -> list[Issue]:
    """Screen the record with the screening app (personal data, secrecy markings, sensitive words, wrong expressions)
    and turn its stored findings into issues: open blocking findings block, open warnings need acknowledging."""
    from gongkai.screening.kinds import Severity
    from gongkai.screening.models import Finding
    from gongkai.screening.services import screen_target

    findings = screen_target(target=record, texts=record_texts(record), organization=record.organization, actor=actor)
    return [
        Issue(
            check="screening",
            message=finding.message or f"{finding.get_kind_display()}：{finding.text}",
            location=f"{finding.location} {finding.location_detail}".strip(),
            blocking=finding.blocks,
            acknowledged=finding.severity == Severity.INFO or finding.status != Finding.Status.OPEN,
        )
        for finding in findings
    ]
