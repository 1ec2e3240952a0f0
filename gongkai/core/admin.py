"""Django admin for core: the audit log and the holiday schedule, read-only (changes go through the back office,
whose services audit them and announce schedule changes)."""

from django.contrib import admin

from .audit import action_label
from .models import AuditEntry, ScheduleYear, WorkdayOverride


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "readable_action", "target_label", "ip_address")
    list_filter = ("target_type",)
    search_fields = ("action", "actor_label", "target_label", "target_id")
    date_hierarchy = "at"
    list_select_related = ("actor",)

    @admin.display(description=AuditEntry._meta.get_field("action").verbose_name, ordering="action")
    def readable_action(self, entry):
        return action_label(entry.action)


@admin.register(ScheduleYear)
class ScheduleYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "source", "notice", "updated_at")


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(ReadOnlyAdmin):
    list_display = ("on", "kind", "name", "region")
    list_filter = ("kind",)
    date_hierarchy = "on"
    list_select_related = ("region",)
