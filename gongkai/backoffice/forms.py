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
