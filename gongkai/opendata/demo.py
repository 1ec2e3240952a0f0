"""The open-data step of `gongkai demo`: the district's first open-data catalog (第一批数据开放目录): live datasets of
published records, the standard catalog, the annual report figures and the service sites, and one file dataset
left overdue so the red light shows. Idempotent: a dataset whose slug exists is left alone."""

from datetime import timedelta

from django.utils import timezone

from gongkai.orgs.demo import staff_of
from gongkai.orgs.models import Role

from . import services
from .exporting import as_csv
from .models import Dataset, Format, Query, UpdateCycle

CONTACT = "区政务公开办公室 0519-88000000"
SITE_FIELDS = [
    {"name": "name", "type": "string", "description": "名称"},
    {"name": "category", "type": "string", "description": "分类"},
    {"name": "subcategory", "type": "string", "description": "子分类"},
    {"name": "organization", "type": "string", "description": "管理机构"},
    {"name": "address", "type": "string", "description": "地址"},
    {"name": "latitude", "type": "number", "description": "纬度"},
    {"name": "longitude", "type": "number", "description": "经度"},
    {"name": "coordinate_system", "type": "string", "description": "坐标系（CGCS2000）"},
    {"name": "hours", "type": "string", "description": "开放时间"},
    {"name": "phone", "type": "string", "description": "联系电话"},
    {"name": "services", "type": "string", "description": "服务内容"},
    {"name": "accessibility", "type": "string", "description": "无障碍设施"},
    {"name": "is_disclosure_point", "type": "boolean", "description": "是否政府信息公开查阅点"},
    {"name": "url", "type": "string", "description": "网址"},
]


def build(context) -> None:
    government = context.objects["government"]
    office = staff_of(government, Role.OFFICE)
    today = timezone.localdate()
    made = 0
    for spec in specs(government, today):
        if Dataset.objects.filter(slug=spec["slug"]).exists():
            continue
        resources = spec.pop("resources")
        dataset = services.create_dataset(publisher=government, actor=office, contact=CONTACT, **spec)
        for resource in resources:
            services.add_resource(dataset=dataset, actor=office, **resource)
        made += 1
    context.say(f"  开放数据集：新增 {made} 个")


def specs(government, today) -> list[dict]:
    record_fields = [
        {"name": "index_number", "type": "string", "description": "索引号"},
        {"name": "title", "type": "string", "description": "标题"},
        {"name": "doc_number", "type": "string", "description": "文号"},
        {"name": "organization", "type": "string", "description": "发布机构"},
        {"name": "written_on", "type": "date", "description": "成文日期"},
        {"name": "published_at", "type": "datetime", "description": "发布日期"},
        {"name": "genre", "type": "string", "description": "体裁"},
        {"name": "url", "type": "string", "description": "网址"},
    ]
    sites = [
        ("溪北村便民服务点", "溪北村村委会一楼", "0519-88001001"),
        ("东城街道政务服务中心", "东城路18号", "0519-88002002"),
    ]
    return [
        {
            "slug": "published-records",
            "title": "区政府已发布政府信息目录",
            "description": "区政府及各部门主动公开的政府信息（索引号、标题、文号、发布日期等），实时更新。",
            "update_cycle": UpdateCycle.DAILY,
            "updated_on": today,
            "keywords": "政府信息 主动公开",
            "fields": record_fields,
            "resources": [
                {
                    "name": "已发布政府信息（CSV）",
                    "format": Format.CSV,
                    "query": Query.COLUMN_RECORDS,
                    "parameters": {},
                },
                {
                    "name": "已发布政府信息（JSON）",
                    "format": Format.JSON,
                    "query": Query.COLUMN_RECORDS,
                    "parameters": {},
                },
            ],
        },
        {
            "slug": "standard-catalog-items",
            "title": "区级基层政务公开标准目录",
            "description": "区级标准目录中现行有效的公开事项：事项名称、领域、公开时限、公开主体等。",
            "update_cycle": UpdateCycle.MONTHLY,
            "updated_on": today,
            "fields": [
                {"name": "code", "type": "string", "description": "统一编码"},
                {"name": "name", "type": "string", "description": "事项名称"},
                {"name": "domain", "type": "string", "description": "领域"},
                {"name": "stage", "type": "string", "description": "五公开"},
                {"name": "time_limit", "type": "string", "description": "公开时限"},
                {"name": "responsible", "type": "string", "description": "公开主体"},
                {"name": "audience", "type": "string", "description": "公开对象"},
                {"name": "mode", "type": "string", "description": "公开方式"},
            ],
            "resources": [
                {
                    "name": "公开事项（XLSX）",
                    "format": Format.XLSX,
                    "query": Query.CATALOG_ITEMS,
                    "parameters": {"organization": government.pk},
                },
            ],
        },
        {
            "slug": "annual-report-figures",
            "title": "政府信息公开工作年度报告统计数据",
            "description": "已发布年度报告中三张法定统计表的全部数据，逐格列出。",
            "update_cycle": UpdateCycle.YEARLY,
            "updated_on": today,
            "fields": [
                {"name": "organization", "type": "string", "description": "机构"},
                {"name": "year", "type": "integer", "description": "年度"},
                {"name": "table", "type": "string", "description": "统计表"},
                {"name": "row", "type": "string", "description": "行和列"},
                {"name": "value", "type": "number", "description": "数值"},
            ],
            "resources": [
                {"name": "年度报告数据（CSV）", "format": Format.CSV, "query": Query.REPORT_FIGURES, "parameters": {}},
            ],
        },
        {
            "slug": "service-sites",
            "title": "便民服务点名录",
            "description": "全区政务服务中心、便民服务中心、公开查阅点等服务网点的名称、分类、地址、坐标、开放时间、"
            "电话、服务内容和无障碍设施，实时更新。",
            "update_cycle": UpdateCycle.MONTHLY,
            "updated_on": today,
            "keywords": "服务网点 一图通 便民服务",
            "fields": SITE_FIELDS,
            "resources": [
                {"name": f"服务网点（{format_.label}）", "format": format_, "query": Query.SERVICE_SITES}
                for format_ in (Format.CSV, Format.XLSX, Format.JSON)
            ],
        },
        {
            "slug": "village-service-points",
            "title": "村（社区）便民服务点联系表",
            "description": "镇（街道）报送的村（社区）便民服务点联系表（按季度整理上传）。",
            "update_cycle": UpdateCycle.QUARTERLY,
            "updated_on": today - timedelta(days=120),
            "fields": [
                {"name": "name", "type": "string", "description": "名称"},
                {"name": "address", "type": "string", "description": "地址"},
                {"name": "phone", "type": "string", "description": "电话"},
            ],
            "resources": [
                {
                    "name": "便民服务点联系表（CSV）",
                    "format": Format.CSV,
                    "data": as_csv(["name", "address", "phone"], sites),
                },
            ],
        },
    ]
