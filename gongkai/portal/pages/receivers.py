"""Keep the static pages in step with publishing and the catalog.

Publishing's signals are sent after commit. A withdrawal or expiry (record_withdrawn) removes the stale files right
here, synchronously: the signal is sent from the service's on_commit, so the files are gone before the service
returns. Everything else is re-rendered on the task queue.
"""

from gongkai.catalog.signals import items_changed
from gongkai.opendata.selectors import published_datasets
from gongkai.opendata.signals import dataset_changed
from gongkai.orgs.signals import organization_changed, site_changed
from gongkai.oversight.signals import leaderboard_changed
from gongkai.publishing.signals import columns_changed, record_changed, record_published, record_withdrawn
from gongkai.services.selectors import public_guides
from gongkai.services.signals import guide_changed

from . import service


def on_record_public(sender, record_id, **kwargs):
    service.changed({f"record:{record_id}"})


def on_record_withdrawn(sender, record_id, **kwargs):
    service.gone({f"record:{record_id}", f"shown:{record_id}"})


def on_columns_changed(sender, **kwargs):
    service.changed({"columns"})


def on_items_changed(sender, item_ids, **kwargs):
    service.changed({f"item:{item_id}" for item_id in item_ids})


def on_guide_changed(sender, guide_id, **kwargs):
    """A guide no longer in force (retired, or its organization closed) leaves the public at once."""
    if public_guides().filter(pk=guide_id).exists():
        service.changed({f"guide:{guide_id}"})
    else:
        service.gone({f"guide:{guide_id}"})


def on_dataset_changed(sender, dataset_id, **kwargs):
    """A dataset that stopped being open (停止开放) leaves the public at once, like a retired guide."""
    if published_datasets().filter(pk=dataset_id).exists():
        service.changed({f"dataset:{dataset_id}"})
    else:
        service.gone({f"dataset:{dataset_id}"})


def on_site_changed(sender, **kwargs):
    """Every page carries the site's name and footer: all are rendered again on the queue."""
    service.changed({"site"})


def on_organization_changed(sender, organization_id, **kwargs):
    service.changed({"organizations"})


def on_leaderboard_changed(sender, published, **kwargs):
    (service.changed if published else service.gone)({"leaderboard"})


def connect() -> None:
    record_published.connect(on_record_public, dispatch_uid="pages.record_published")
    record_changed.connect(on_record_public, dispatch_uid="pages.record_changed")
    record_withdrawn.connect(on_record_withdrawn, dispatch_uid="pages.record_withdrawn")
    columns_changed.connect(on_columns_changed, dispatch_uid="pages.columns_changed")
    items_changed.connect(on_items_changed, dispatch_uid="pages.items_changed")
    guide_changed.connect(on_guide_changed, dispatch_uid="pages.guide_changed")
    dataset_changed.connect(on_dataset_changed, dispatch_uid="pages.dataset_changed")
    leaderboard_changed.connect(on_leaderboard_changed, dispatch_uid="pages.leaderboard_changed")
    site_changed.connect(on_site_changed, dispatch_uid="pages.site_changed")
    organization_changed.connect(on_organization_changed, dispatch_uid="pages.organization_changed")
