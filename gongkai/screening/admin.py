"""Read-only admin views of screening data; changes go through the back office and its services."""

from django.contrib import admin

from .models import Expression, Finding, Lexicon, ScanRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Lexicon)
class LexiconAdmin(ReadOnlyAdmin):
    list_display = ("term", "category", "severity", "enabled", "updated_at")
    list_filter = ("category", "severity", "enabled")
    search_fields = ("term",)


@admin.register(Expression)
class ExpressionAdmin(ReadOnlyAdmin):
    list_display = ("wrong", "right", "category", "severity", "enabled")
    list_filter = ("category", "severity", "enabled")
    search_fields = ("wrong", "right")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("target_label", "location", "kind", "severity", "text", "status", "is_current", "organization")
    list_filter = ("kind", "severity", "status", "is_current")
    search_fields = ("text", "target_label")


@admin.register(ScanRun)
class ScanRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "organization", "status", "targets_done", "findings_total", "blocking_total")
