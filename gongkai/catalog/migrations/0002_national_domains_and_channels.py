"""Preload the 26 national pilot domains (国办发〔2017〕42号, 2019 标准指引) and the standard channel checklist.

The data is written out here, not imported from application code, so this migration never changes meaning.
"""

from django.db import migrations

NATIONAL_DOMAINS = [
    ("ZDJS", "重大建设项目", []),
    ("GGZY", "公共资源交易", []),
    ("CZYJ", "财政预决算", ["财政预算决算"]),
    ("AQSC", "安全生产", []),
    ("SSGL", "税收管理", []),
    ("CXGH", "城乡规划", ["国土空间规划"]),
    ("ZDBC", "征地补偿", ["农村集体土地征收", "征地补偿（农村集体土地征收）"]),
    ("FWZS", "国有土地上房屋征收与补偿", ["国有土地上房屋征收"]),
    ("WFGZ", "农村危房改造", []),
    ("BZZF", "保障性住房", []),
    ("SZFW", "市政服务", []),
    ("ZHZF", "城市综合执法", []),
    ("STHJ", "生态环境", ["环境治理", "环境保护"]),
    ("GGWH", "公共文化服务", ["公共文化"]),
    ("GGFL", "公共法律服务", []),
    ("FP", "扶贫", ["扶贫开发"]),
    ("JZ", "救灾", []),
    ("SHJZ", "社会救助", []),
    ("YLFW", "养老服务", []),
    ("HJGL", "户籍管理", []),
    ("SNBT", "涉农补贴", []),
    ("JY", "就业", []),
    ("SHBX", "社会保险", []),
    ("YWJY", "义务教育", []),
    ("WSJK", "卫生健康", ["卫生计生", "医疗卫生"]),
    ("SPYP", "食品药品监管", ["食品药品监督管理"]),
]

STANDARD_CHANNELS = [
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
]

COMMON_LOCAL_CHANNELS = ["12345政务服务热线", "投资项目在线审批监管平台", "公共资源交易平台", "信用中国网站"]


def load(apps, schema_editor):
    Domain = apps.get_model("catalog", "Domain")
    Channel = apps.get_model("catalog", "Channel")
    for order, (code, name, aliases) in enumerate(NATIONAL_DOMAINS, start=1):
        Domain.objects.update_or_create(
            code=code, defaults={"name": name, "aliases": aliases, "is_national": True, "sort_order": order}
        )
    for order, name in enumerate(STANDARD_CHANNELS, start=1):
        Channel.objects.update_or_create(
            name=name, organization=None, defaults={"is_standard": True, "sort_order": order}
        )
    for order, name in enumerate(COMMON_LOCAL_CHANNELS, start=100):
        Channel.objects.update_or_create(
            name=name, organization=None, defaults={"is_standard": False, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
