"""What villages does when other apps announce a change: a published notice opens its objection window; a new
village or community gets its five columns."""

from django.db import transaction
from django.db.models.signals import post_save

from gongkai.core.signals import schedule_changed
from gongkai.orgs.models import Level, Organization
from gongkai.publishing.signals import record_published


def on_record_published(sender, record_id=None, **kwargs):
    from .services import start_publicity

    if record_id is not None:
        start_publicity(record_id=record_id)


def on_organization_saved(sender, instance, created=False, raw=False, **kwargs):
    """The five columns come with the organization (created after the transaction that made it commits)."""
    if raw or not created or not instance.is_active:
        return
    organization_id = instance.pk

    def seed():
        from .services import seed_village_columns

        organization = Organization.objects.select_related("region").filter(pk=organization_id).first()
        if organization is not None and organization.region.level == Level.VILLAGE:
            seed_village_columns(organization=organization)

    transaction.on_commit(seed)


def on_schedule_changed(sender, years=None, **kwargs):
    """A year's State Council schedule or a region's holidays changed: move the open issues' step deadlines."""
    from .services import recompute_step_due_dates

    recompute_step_due_dates(years=set(years or ()))


def connect() -> None:
    schedule_changed.connect(on_schedule_changed, dispatch_uid="villages.recompute_step_due_dates")
    record_published.connect(on_record_published, dispatch_uid="villages.publicity")
    post_save.connect(on_organization_saved, sender=Organization, dispatch_uid="villages.columns")
