"""Applicants' personal data: every time staff see it, the audit log says who, which application and when."""

from gongkai.core import audit

from ..models import Application


def record_personal_data_view(*, actor, application: Application, ip_address: str | None = None) -> None:
    audit.log(
        "applications.personal_data.viewed",
        actor=actor,
        target=application,
        organization=application.organization_id,
        data={"tracking_code": application.tracking_code},
        ip_address=ip_address,
    )
