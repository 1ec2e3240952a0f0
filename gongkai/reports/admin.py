"""Django admin: read-only views for administrators. Every change goes through the back office and its services."""

from django.contrib import admin

from .models import AnnualReport, ReportOverride, ReviewCase


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ("organization", "year", "scope", "status", "computed_at", "published_at")
    list_filter = ("year", "status", "scope")
    search_fields = ("organization__name",)
    list_select_related = ("organization",)


@admin.register(ReportOverride)
class ReportOverrideAdmin(ReadOnlyAdmin):
    list_display = ("report", "cell", "value", "computed_value", "is_active", "set_by", "set_at")
    list_filter = ("is_active",)
    list_select_related = ("report__organization", "set_by")


@admin.register(ReviewCase)
class ReviewCaseAdmin(ReadOnlyAdmin):
    list_display = ("case_number", "organization", "kind", "filed_on", "result", "concluded_on", "as_review_body")
    list_filter = ("kind", "result", "as_review_body", "is_active")
    search_fields = ("case_number", "organization__name")
    list_select_related = ("organization",)
