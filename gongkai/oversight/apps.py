from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    label = "oversight"
    verbose_name = _("监督考核")

    def ready(self):
        from gongkai.core.messaging import register_channel_source
        from gongkai.core.signals import schedule_changed

        from . import labels
        from .rules import discover
        from .services.reminders import reminder_channels

        labels.register()
        discover()
        register_channel_source(reminder_channels)
        schedule_changed.connect(on_schedule_changed, dispatch_uid="oversight.recompute_problem_due_dates")


def on_schedule_changed(sender, years=None, **kwargs):
    """A year's State Council schedule or a region's holidays changed: move the open problems' 整改期限."""
    from .services.notices import recompute_problem_due_dates

    recompute_problem_due_dates(years=set(years or ()))
