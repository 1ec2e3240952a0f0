"""Django admin for the orgs master data. Regions and organizations are saved through the services (so every
change is validated and audited); people and roles are read-only here and managed in the back office."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from gongkai.core.admin import ReadOnlyAdmin

from .errors import OrgsError
from .models import Membership, Organization, Person, Region
from .services import ORGANIZATION_FIELDS, create_organization, create_region, update_organization


class NoDeleteAdmin(admin.ModelAdmin):
    """Records are never hard-deleted: organizations are deactivated, regions stay."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(NoDeleteAdmin):
    list_display = ("name", "level", "division_code", "parent")
    search_fields = ("name", "division_code")
    list_filter = ("level",)
    fields = ("name", "division_code", "parent")
    list_select_related = ("parent",)

    def get_readonly_fields(self, request, obj=None):
        return ("name", "division_code", "parent") if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        try:
            created = create_region(
                name=obj.name, division_code=obj.division_code, parent=obj.parent, actor=request.user
            )
        except OrgsError as error:
            messages.error(request, error.message)
            raise PermissionDenied(error.message) from error
        obj.pk = created.pk


@admin.register(Organization)
class OrganizationAdmin(NoDeleteAdmin):
    list_display = ("name", "short_name", "kind", "region", "credit_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "credit_code")
    list_select_related = ("region",)
    readonly_fields = ("is_active",)

    def get_readonly_fields(self, request, obj=None):
        return ("region", "is_active") if obj else ("is_active",)

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in ORGANIZATION_FIELDS if name in form.cleaned_data}
        try:
            if change:
                update_organization(organization=obj, actor=request.user, **fields)
            else:
                obj.pk = create_organization(region=form.cleaned_data["region"], actor=request.user, **fields).pk
        except OrgsError as error:
            raise PermissionDenied(error.message) from error


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("username", "full_name", "email", "is_active", "last_login")
    search_fields = ("username", "full_name")
    exclude = ("password",)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("person", "organization", "role", "is_active", "created_at")
    list_filter = ("role", "is_active")
    list_select_related = ("person", "organization")


admin.site.site_header = _("政务公开工作平台 · 主数据管理")
admin.site.site_title = _("主数据管理")
