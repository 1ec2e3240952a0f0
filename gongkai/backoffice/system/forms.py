"""Forms of the system settings pages. They parse input only; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import DomainError
from gongkai.orgs.access import is_admin, regions_for
from gongkai.orgs.models import Organization, Role, SealMode, SiteSettings
from gongkai.orgs.selectors import organizations_managed_by

MAX_SCHEDULE_FILE_BYTES = 256 * 1024


def show_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's error on the field it names, or on the whole form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def role_choices(person) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Role.choices if value != Role.ADMIN or is_admin(person)]


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "region",
            "kind",
            "name",
            "short_name",
            "credit_code",
            "parent",
            "address",
            "office_hours",
            "phone",
            "fax",
            "email",
            "leaders",
            "internal_units",
            "functions",
            "sort_order",
            "issuer_mark",
            "seal_mode",
            "printed_by",
        ]

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = organizations_managed_by(person, include_inactive=False)
        if self.instance.pk:
            del self.fields["region"]
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)
        else:
            self.fields["region"].queryset = regions_for(person).order_by("path")
        self.fields["credit_code"].help_text = _("18位，不含 I、O、S、V、Z；最后一位为 GB 32100 校验码。")

        self.fields["seal_mode"].required = False  # forms that do not show it keep the stamped default

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()

    def clean_seal_mode(self):
        return self.cleaned_data.get("seal_mode") or (self.instance.seal_mode if self.instance.pk else SealMode.STAMPED)


class PersonCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("用户名"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("用户名只能包含字母、数字和 @ . + - _。")},
    )
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    phone = forms.CharField(label=_("手机"), max_length=30, required=False)
    password = forms.CharField(
        label=_("初始密码"), widget=forms.PasswordInput, help_text=_("至少10位，不能全是数字或过于常见。")
    )
    organization = forms.ModelChoiceField(label=_("所属机构"), queryset=Organization.objects.none())
    role = forms.ChoiceField(label=_("角色"))

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_managed_by(person, include_inactive=False)
        self.fields["role"].choices = role_choices(person)


class PersonEditForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    phone = forms.CharField(label=_("手机"), max_length=30, required=False)


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("两次输入的密码不一致。"))
        return cleaned


class GrantRoleForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("机构"), queryset=Organization.objects.none())
    role = forms.ChoiceField(label=_("角色"))

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_managed_by(person, include_inactive=False)
        self.fields["role"].choices = role_choices(person)


class ScheduleForm(forms.Form):
    notice = forms.CharField(
        label=_("依据文件"), max_length=200, required=False, help_text=_("如：国办发明电〔2026〕7号")
    )
    text = forms.CharField(
        label=_("节假日安排"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 60, "spellcheck": "false"}),
        help_text=_(
            "每行一个日期或日期范围，后接名称；调休上班日在名称前写“上班”。例如：2027-01-01 元旦、"
            "2027-02-06..2027-02-12 春节、2027-02-14 上班 春节。以 # 开头的行是注释。"
        ),
    )
    file = forms.FileField(
        label=_("或上传文件"),
        required=False,
        help_text=_("UTF-8 编码的 .txt（同上格式）或 .csv（第一列日期或范围，第二列名称）；上传后以文件内容为准。"),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_SCHEDULE_FILE_BYTES:
            raise forms.ValidationError(_("文件过大：节假日安排文件不应超过 256 KB。"))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("请填写节假日安排或上传文件。"))
        return cleaned


class RegionalHolidayForm(forms.Form):
    region = forms.ModelChoiceField(label=_("适用地区"), queryset=None)
    on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("如：三月三（壮族）"))

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(person).order_by("path")


class RegionForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("上级行政区划"),
        queryset=None,
        required=False,
        help_text=_("留空表示新建县级区划（仅系统管理员）；村级区划下不能再设下级。"),
    )
    name = forms.CharField(label=_("名称"), max_length=100)
    division_code = forms.CharField(
        label=_("行政区划代码"), max_length=12, help_text=_("12位统计用区划代码，如 320416101000。")
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["parent"].queryset = regions_for(person).exclude(level="village").order_by("path")
        if not is_admin(person):
            self.fields["parent"].required = True
            self.fields["parent"].help_text = _("新区划须位于您管辖的区划之下；村级区划下不能再设下级。")


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = [
            "site_name",
            "logo_url",
            "sponsor",
            "organizer",
            "site_code",
            "icp_number",
            "police_number",
            "contact_phone",
            "contact_email",
            "contact_address",
        ]
