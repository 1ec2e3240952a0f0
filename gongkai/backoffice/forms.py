"""Forms of the back-office shell."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongkai.core import ratelimit
from gongkai.core.audit import client_ip
from gongkai.orgs.models import Person
from gongkai.orgs.services import is_locked, record_failed_login


class LoginForm(AuthenticationForm):
    """Sign-in. An unknown account, a wrong password and a locked account get the same message (the page must not
    tell which accounts exist), and one address may fail only LOGIN_MAX_FAILURES_PER_ADDRESS times a quarter hour."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "用户名或密码错误，或账号因连续登录失败已被临时锁定。请核对后重试，仍无法登录请联系系统管理员。"
        ),
        "throttled": _("此网络地址登录失败次数过多，请 %(minutes)d 分钟后再试。"),
    }

    def clean(self):
        window = settings.LOGIN_ADDRESS_WINDOW_MINUTES
        if ratelimit.peek(self.request, "login-failures", settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled", params={"minutes": window})
        username = self.cleaned_data.get("username")
        person = Person.objects.filter(username__iexact=username or "").first()
        try:
            if person is not None and is_locked(person):
                # Count the attempt so the lock cannot be probed without trace.
                from django.contrib.auth import authenticate

                authenticate(self.request, username=username, password=self.cleaned_data.get("password"))
                raise self.get_invalid_login_error()
            return super().clean()
        except forms.ValidationError:
            ratelimit.hit(self.request, "login-failures", window=window * 60)
            raise


class OwnPasswordForm(forms.Form):
    """A signed-in person changes their own password; the current one is asked first."""

    current_password = forms.CharField(label=_("当前密码"), widget=forms.PasswordInput)
    password = forms.CharField(
        label=_("新密码"), widget=forms.PasswordInput, help_text=_("至少10位，不能全是数字或过于常见。")
    )
    password_again = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def __init__(self, *args, person, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.request = request

    def clean_current_password(self):
        """A wrong current password counts as a failed sign-in, so the form cannot be used to guess passwords."""
        value = self.cleaned_data["current_password"]
        if not self.person.check_password(value):
            record_failed_login(
                username=self.person.username, ip_address=client_ip(self.request) if self.request else None
            )
            raise forms.ValidationError(_("当前密码不正确。"))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("两次输入的密码不一致。"))
        return cleaned
