"""Forms of the back-office shell."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Person
from gongkai.orgs.services import is_locked


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("用户名或密码错误。连续多次失败后账号将被临时锁定。"),
        "locked": _("该账号因连续登录失败已被临时锁定，请稍后再试或联系系统管理员。"),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        person = Person.objects.filter(username__iexact=username or "").first()
        if person is not None and is_locked(person):
            # Count the attempt so the lock cannot be probed without trace.
            from django.contrib.auth import authenticate

            authenticate(self.request, username=username, password=self.cleaned_data.get("password"))
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()


class OwnPasswordForm(forms.Form):
    """A signed-in person changes their own password; the current one is asked first."""

    current_password = forms.CharField(label=_("当前密码"), widget=forms.PasswordInput)
    password = forms.CharField(
        label=_("新密码"), widget=forms.PasswordInput, help_text=_("至少10位，不能全是数字或过于常见。")
    )
    password_again = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_current_password(self):
        value = self.cleaned_data["current_password"]
        if not self.person.check_password(value):
            raise forms.ValidationError(_("当前密码不正确。"))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("两次输入的密码不一致。"))
        return cleaned
