"""Complete guide data for tests, and a factory that writes a guide directly (tests of services call services)."""

import factory

from gongkai.services.models import Guide, GuideStatus


def guide_data(**overrides) -> dict:
    """Every standard element filled in, as a clerk would submit it."""
    data = {
        "code": "320416-MZ-001",
        "name": "最低生活保障申请",
        "kind": "benefit",
        "life_event": "assistance",
        "basis": "《社会救助暂行办法》（国务院令第649号）第九条",
        "scope": "户籍在本区的居民家庭",
        "conditions": "共同生活的家庭成员人均收入低于当地最低生活保障标准，且财产状况符合规定。",
        "materials": [
            {"name": "居民身份证", "form": "original", "count": 1, "source": "申请人自备", "required": True},
            {"name": "户口簿", "form": "copy", "count": 1, "source": "公安机关", "required": True},
            {
                "name": "残疾人证",
                "form": "copy",
                "count": 1,
                "source": "残联",
                "required": False,
                "condition": "家庭成员有残疾的",
                "template_url": "",
            },
        ],
        "fees": [],
        "statutory_days": 30,
        "promised_days": 15,
        "online_url": "https://zwfw.example.gov.cn/dibao",
        "counter_address": "青溪区政务服务中心二楼民政窗口",
        "counter_hours": "工作日 9:00—17:00",
        "at_most_once": True,
        "fully_online": False,
        "steps": [
            {"name": "受理", "actor": "街道社会救助窗口", "action": "查验材料，当场受理或一次性告知补正", "days": 1},
            {"name": "审核", "actor": "街道办事处", "action": "入户调查、民主评议并提出审核意见", "days": 9},
            {"name": "审批", "actor": "区民政局", "action": "审批并公示", "days": 5},
        ],
        "contact_phone": "0519-88000001",
        "complaint_phone": "12345",
        "faqs": [{"question": "外地户籍可以申请吗？", "answer": "须在户籍所在地申请。"}],
        "catalog_item": None,
        "record": None,
    }
    data.update(overrides)
    return data


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    code = factory.Sequence(lambda n: f"G-{n:04d}")
    name = factory.Sequence(lambda n: f"示范事项{n}")
    kind = "public_service"
    status = GuideStatus.IN_FORCE
    version = 1

    @factory.lazy_attribute
    def materials(self):
        return guide_data()["materials"]

    @factory.lazy_attribute
    def steps(self):
        return guide_data()["steps"]

    basis = "依据"
    scope = "范围"
    conditions = "条件"
    statutory_days = 20
    promised_days = 15
    counter_address = "窗口"
    counter_hours = "工作日"
    contact_phone = "1"
    complaint_phone = "12345"
