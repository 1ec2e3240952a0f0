"""Authentication backend that refuses locked accounts (see `services.record_failed_login`)."""

from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class LockoutModelBackend(ModelBackend):
    def user_can_authenticate(self, user):
        if user.locked_until and user.locked_until > timezone.now():
            return False
        return super().user_can_authenticate(user)
