"""Managing the sensitive-word lexicon and the expression pairs, one by one or by import."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import log

from ..errors import ScreeningError, ScreeningErrorCode
from ..importing import ImportReport, parse_expression_rows, parse_lexicon_rows
from ..models import Expression, Lexicon
from ..selectors import require_lexicon_manager

LEXICON_FIELDS = ("term", "category", "severity", "enabled", "note")
EXPRESSION_FIELDS = ("wrong", "right", "category", "severity", "enabled", "note")


def _validated(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        messages = "；".join(str(message) for messages in error.message_dict.values() for message in messages)
        raise ScreeningError(ScreeningErrorCode.INVALID, messages) from error


def _clean_text(value) -> str:
    return " ".join(str(value or "").split())


def create_lexicon_entry(*, term: str, actor, category="other", severity="warn", enabled=True, note="") -> Lexicon:
    require_lexicon_manager(actor)
    term = _clean_text(term)
    if Lexicon.objects.filter(term=term).exists():
        raise ScreeningError(
            ScreeningErrorCode.DUPLICATE, _("词条“%(term)s”已存在，请直接修改该词条。") % {"term": term}, field="term"
        )
    entry = Lexicon(term=term, category=category, severity=severity, enabled=enabled, note=_clean_text(note))
    _validated(entry)
    with transaction.atomic():
        entry.save()
        log("screening.lexicon.created", actor=actor, target=entry, data={"term": term, "severity": severity})
    return entry


def update_lexicon_entry(*, entry: Lexicon, actor, **changes) -> Lexicon:
    """Change any of category, severity, enabled, note (and term). Disabling retires the entry."""
    require_lexicon_manager(actor)
    unknown = set(changes) - set(LEXICON_FIELDS)
    if unknown:
        raise ScreeningError(ScreeningErrorCode.INVALID, _("不能修改字段：%(fields)s") % {"fields": ", ".join(unknown)})
    with transaction.atomic():
        entry = Lexicon.objects.select_for_update().get(pk=entry.pk)
        before = {field: getattr(entry, field) for field in changes}
        for field, value in changes.items():
            setattr(entry, field, _clean_text(value) if field in ("term", "note") else value)
        entry.updated_at = timezone.now()
        _validated(entry)
        entry.save()
        log("screening.lexicon.updated", actor=actor, target=entry, data={"before": before, "after": changes})
    return entry


def create_expression(
    *, wrong: str, right: str, actor, category="other", severity="warn", enabled=True, note=""
) -> Expression:
    require_lexicon_manager(actor)
    wrong, right = _clean_text(wrong), _clean_text(right)
    if Expression.objects.filter(wrong=wrong).exists():
        raise ScreeningError(
            ScreeningErrorCode.DUPLICATE, _("错误表述“%(wrong)s”已存在，请直接修改。") % {"wrong": wrong}, field="wrong"
        )
    if wrong == right:
        raise ScreeningError(ScreeningErrorCode.INVALID, _("错误表述与正确表述相同，请检查。"), field="right")
    expression = Expression(
        wrong=wrong, right=right, category=category, severity=severity, enabled=enabled, note=_clean_text(note)
    )
    _validated(expression)
    with transaction.atomic():
        expression.save()
        log("screening.expression.created", actor=actor, target=expression, data={"wrong": wrong, "right": right})
    return expression


def update_expression(*, expression: Expression, actor, **changes) -> Expression:
    require_lexicon_manager(actor)
    unknown = set(changes) - set(EXPRESSION_FIELDS)
    if unknown:
        raise ScreeningError(ScreeningErrorCode.INVALID, _("不能修改字段：%(fields)s") % {"fields": ", ".join(unknown)})
    with transaction.atomic():
        expression = Expression.objects.select_for_update().get(pk=expression.pk)
        before = {field: getattr(expression, field) for field in changes}
        for field, value in changes.items():
            setattr(expression, field, _clean_text(value) if field in ("wrong", "right", "note") else value)
        if expression.wrong == expression.right:
            raise ScreeningError(ScreeningErrorCode.INVALID, _("错误表述与正确表述相同，请检查。"), field="right")
        expression.updated_at = timezone.now()
        _validated(expression)
        expression.save()
        log("screening.expression.updated", actor=actor, target=expression, data={"before": before, "after": changes})
    return expression


def _apply_import(model, key: str, rows: list[dict], *, actor, action: str, dry_run: bool, source: str) -> ImportReport:
    report = ImportReport(rows=len(rows))
    existing = {getattr(item, key): item for item in model.objects.filter(**{f"{key}__in": [r[key] for r in rows]})}
    now = timezone.now()
    to_create, to_update = [], []
    for row in rows:
        current = existing.get(row[key])
        if current is None:
            to_create.append(model(**row, created_at=now, updated_at=now))
        elif any(getattr(current, field) != value for field, value in row.items()):
            for field, value in row.items():
                setattr(current, field, value)
            current.updated_at = now
            to_update.append(current)
        else:
            report.unchanged += 1
    report.created, report.updated = len(to_create), len(to_update)
    if dry_run:
        return report
    with transaction.atomic():
        model.objects.bulk_create(to_create, batch_size=1000)
        fields = [field for field in rows[0] if field != key] + ["updated_at"] if rows else ["updated_at"]
        model.objects.bulk_update(to_update, fields, batch_size=1000)
        log(
            action,
            actor=actor,
            data={"source": source, "rows": report.rows, "created": report.created, "updated": report.updated},
        )
    return report


def import_lexicon(*, file, actor, filename: str = "", dry_run: bool = False) -> ImportReport:
    """Import terms from CSV or Excel: all or nothing; every bad row is reported (sheet, row, column, reason)."""
    require_lexicon_manager(actor)
    rows, errors = parse_lexicon_rows(file, filename=filename)
    if errors:
        raise_import_errors(errors)
    return _apply_import(
        Lexicon, "term", rows, actor=actor, action="screening.lexicon.imported", dry_run=dry_run, source=filename
    )


def import_expressions(*, file, actor, filename: str = "", dry_run: bool = False) -> ImportReport:
    require_lexicon_manager(actor)
    rows, errors = parse_expression_rows(file, filename=filename)
    if errors:
        raise_import_errors(errors)
    return _apply_import(
        Expression, "wrong", rows, actor=actor, action="screening.expression.imported", dry_run=dry_run, source=filename
    )


def raise_import_errors(errors) -> None:
    error = ScreeningError(
        ScreeningErrorCode.IMPORT_FAILED,
        _("导入失败，共 %(count)d 处错误，未导入任何数据。请修改后重新导入。") % {"count": len(errors)},
    )
    error.errors = errors
    raise error
