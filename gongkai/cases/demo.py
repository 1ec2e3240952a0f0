"""The case-progress step of `gongkai demo`: cases of two services of the civil affairs bureau in every step, as a
business system would have pushed them, so the lookup page and the statistics have something true to show.
Idempotent: pushing the same progress again changes nothing. Dates after today are not pushed."""

from datetime import timedelta

from django.utils import timezone

from gongkai.core.workdays import add_workdays
from gongkai.orgs.demo import staff_of
from gongkai.orgs.models import Role

from .services import StepIn, record_case_progress

SERVICES = (("最低生活保障审核确认", 20), ("临时救助审批", 10))
CASES_PER_SERVICE = 12


def build(context) -> None:
    department = context.objects["department_by_short"].get("民政局") or context.objects["government"]
    clerk = staff_of(department, Role.CLERK) or staff_of(context.objects["government"], Role.OFFICE)
    today = timezone.localdate()
    changed = 0
    for service_index, (service_name, promised) in enumerate(SERVICES):
        for number in range(CASES_PER_SERVICE):
            accepted = today - timedelta(days=90 - number * 7)
            # Every third case takes longer than promised, so the statistics are not all green.
            taken = promised + 5 if number % 3 == 0 else promised - 3 - number % 4
            decided = add_workdays(accepted, taken).date
            steps = [StepIn("accepted", accepted), StepIn("examined", add_workdays(accepted, 2).date)]
            steps += [StepIn("decided", decided), StepIn("delivered", decided + timedelta(days=2))]
            steps = [step for step in steps if step.on <= today]
            _case, did = record_case_progress(
                organization=department,
                number=f"DEMO-{service_index + 1}-{number + 1:04d}",
                verification_code=f"DEMO{number + 1:04d}",
                service_name=service_name,
                promised_days=promised,
                steps=steps,
                outcome="granted" if any(step.stage == "decided" for step in steps) else "",
                actor=clerk,
            )
            changed += did
    context.say(f"  办件公开：{changed} 件办件有新进度（查询示例：DEMO-1-0001 / DEMO0001）")
