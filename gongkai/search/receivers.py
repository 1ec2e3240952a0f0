"""Keep the index in step with publishing and the catalog. Their signals are sent after commit; the receivers
call the indexing service, which re-reads the object through its public selector."""

import logging

from gongkai.catalog.signals import item_changed
from gongkai.publishing.signals import record_changed, record_published, record_withdrawn
from gongkai.services.signals import guide_changed

from .errors import SearchUnavailable
from .services import index_after_commit, queue_indexing, remove_object

logger = logging.getLogger(__name__)


def on_record_published(sender, record_id, **kwargs):
    index_after_commit(kind="record", object_id=record_id)


def on_record_withdrawn(sender, record_id, **kwargs):
    # Removed at once, whatever the selector says: a withdrawn record must not be findable a moment longer.
    # Results are re-checked against published_records() anyway, so a failure here cannot show the record.
    try:
        remove_object(kind="record", object_id=record_id)
    except SearchUnavailable:  # several app servers, and their search service is down: the worker removes it later
        queue_indexing({("record", record_id)})
    except Exception:
        logger.exception("search: removing record:%s failed; run `gongkai search reindex`", record_id)


def on_item_changed(sender, item_id, **kwargs):
    index_after_commit(kind="item", object_id=item_id)


def on_guide_changed(sender, guide_id, **kwargs):
    index_after_commit(kind="guide", object_id=guide_id)


def connect() -> None:
    record_published.connect(on_record_published, dispatch_uid="search.record_published")
    record_changed.connect(on_record_published, dispatch_uid="search.record_changed")
    record_withdrawn.connect(on_record_withdrawn, dispatch_uid="search.record_withdrawn")
    item_changed.connect(on_item_changed, dispatch_uid="search.item_changed")
    guide_changed.connect(on_guide_changed, dispatch_uid="search.guide_changed")
