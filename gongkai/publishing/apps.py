from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = _("信息发布")

    def ready(self):
        from gongkai.screening.registry import register_source

        from . import checks, labels, receivers  # noqa: F401

        checks.register_check("screening", checks.screening_check)
        register_source("publishing.records", receivers.published_record_texts)
        receivers.connect()
