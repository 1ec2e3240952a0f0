"""The shared SMS gateway and people's channels (core.messaging)."""

import pytest

from gongkai.core import messaging


def test_the_old_oversight_backend_paths_still_work(settings):
    settings.GONGKAI_SMS_BACKEND = "gongkai.oversight.sms.LoggingBackend"
    assert type(messaging.get_backend()) is messaging.LoggingBackend
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.messaging.MemoryBackend"
    messaging.outbox.clear()
    messaging.send_sms("13900001111", "测试")
    assert messaging.outbox == [("13900001111", "测试")]
    messaging.outbox.clear()


@pytest.mark.django_db
def test_people_without_a_setting_get_email_only_and_registered_settings_win(make_person, department):
    from gongkai.oversight.services.reminders import save_preference

    quiet, texted = make_person("clerk", department), make_person("clerk", department, phone="13900001111")
    save_preference(person=texted, actor=texted, by_email=False, by_sms=True, red_only=False, kinds=[])
    channels = messaging.channels_for([quiet.pk, texted.pk])
    assert channels == {quiet.pk: messaging.Channels(email=True, sms=False), texted.pk: messaging.Channels(False, True)}
