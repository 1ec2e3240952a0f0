from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("门户")

    def ready(self):
        from .engagement import counted_kinds
        from .pages import receivers
        from .pages.area_families import register_area_pages
        from .pages.families import register_portal_pages

        register_portal_pages()
        counted_kinds.register()
        register_area_pages()
        receivers.connect()
