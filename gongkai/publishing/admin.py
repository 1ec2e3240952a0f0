"""Django admin: read-only views for administrators. Every change goes through the back office and its services."""

from django.contrib import admin

from .models import Attachment, Column, IndexCounter, IndexScheme, Record, Revision


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Record)
class RecordAdmin(ReadOnlyAdmin):
    list_display = ("title", "organization", "genre", "status", "index_number", "published_at")
    list_filter = ("status", "genre", "validity", "attribute")
    search_fields = ("title", "index_number", "doc_number")
    list_select_related = ("organization",)


@admin.register(Column)
class ColumnAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "organization", "kind", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("record", "number", "kind", "created_by", "created_at")


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "record", "kind", "size", "is_active")
    exclude = ("file",)


@admin.register(IndexScheme)
class IndexSchemeAdmin(ReadOnlyAdmin):
    list_display = ("organization", "pattern")


@admin.register(IndexCounter)
class IndexCounterAdmin(ReadOnlyAdmin):
    list_display = ("organization", "year", "last_serial")
