"""Connects Django's login signals to the services that count failures and write the audit log."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gongkai.core.audit import client_ip

from . import services


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    services.record_login(person=user, ip_address=client_ip(request) if request else None)
    if request is not None and hasattr(request, "session"):
        request.session["signed_in_at"] = int(time.time())  # the absolute session limit counts from here


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        services.record_logout(person=user, ip_address=client_ip(request) if request else None)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    services.record_failed_login(
        username=credentials.get("username", ""), ip_address=client_ip(request) if request else None
    )
