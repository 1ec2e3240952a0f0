"""Test data for applications. Applications are made through the services, as staff would."""

from datetime import date

from gongkai.applications.models import ApplicantType, IdType, SubmissionChannel
from gongkai.applications.services import register_application
from gongkai.applications.services.intake import ID_CARD_WEIGHTS


def id_card(first_17: str = "32040219800101123") -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_17, ID_CARD_WEIGHTS, strict=True))
    return first_17 + "10X98765432"[total % 11]


def applicant_data(**overrides) -> dict:
    data = {
        "applicant_type": ApplicantType.NATURAL_PERSON,
        "applicant_name": "张三丰",
        "id_type": IdType.ID_CARD,
        "id_number": id_card(),
        "phone": "13912345678",
        "email": "zhang@example.cn",
        "address": "示范区人民路1号",
        "postal_code": "213000",
        "description": "2026年本区城乡居民最低生活保障资金发放情况",
        "document_number": "",
        "provision_form": "paper",
        "provision_manner": "post",
    }
    data.update(overrides)
    return data


def make_application(*, actor, organization, received_on=date(2026, 9, 18), **overrides):
    return register_application(
        actor=actor,
        organization=organization,
        data=applicant_data(**overrides),
        channel=SubmissionChannel.IN_PERSON,
        submitted_on=received_on,
    )
