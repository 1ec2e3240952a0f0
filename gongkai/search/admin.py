"""Django admin for search, read-only: terms change through the back office (audited), statistics only grow, and
the index tables are derived data."""

from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin

from .models import IndexState, QueryDay, Term


@admin.register(Term)
class TermAdmin(ReadOnlyAdmin):
    list_display = ("word", "synonyms", "is_active", "updated_at")
    list_filter = ("is_active",)
    search_fields = ("word", "note")


@admin.register(QueryDay)
class QueryDayAdmin(ReadOnlyAdmin):
    list_display = ("day", "query", "searches", "zero_results")
    search_fields = ("query",)
    date_hierarchy = "day"


@admin.register(IndexState)
class IndexStateAdmin(ReadOnlyAdmin):
    list_display = ("backend", "dictionary_version", "built_at")
