"""What publishing does when lower apps announce a change, and what it offers screening's whole-site rescans."""

from gongkai.core.signals import schedule_changed


def published_record_texts(organization=None):
    """(record, organization, texts) of every public record, in primary-key order, for screening's rescans."""
    from .checks import record_texts
    from .selectors import published_records

    records = published_records().order_by("pk")
    if organization is not None:
        records = records.filter(organization=organization)
    for record in records.iterator(chunk_size=200):
        yield record, record.organization, record_texts(record)


def on_schedule_changed(sender, years=None, **kwargs):
    from .services import recompute_due_dates

    recompute_due_dates(years=set(years or ()))


def on_items_changed(sender, item_ids=(), **kwargs):
    from .services import refresh_item_records

    refresh_item_records(item_ids=item_ids)


def connect() -> None:
    from gongkai.catalog.signals import items_changed

    schedule_changed.connect(on_schedule_changed, dispatch_uid="publishing.recompute_due_dates")
    items_changed.connect(on_items_changed, dispatch_uid="publishing.refresh_item_records")
