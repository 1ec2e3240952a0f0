"""Give every existing village and community the five columns (new ones get them when they are created)."""

from django.db import migrations

# (slug, name, community name, parent slug) — the tree of gongkai.villages.columns, frozen for this migration.
TREE = (
    ("village-party", "党务公开", "", None),
    ("village-party-organization", "组织建设", "", "village-party"),
    ("village-party-members", "党员发展与管理", "", "village-party"),
    ("village-party-activities", "党组织活动", "", "village-party"),
    ("village-government", "政务公开", "", None),
    ("village-government-policies", "惠民政策", "", "village-government"),
    ("village-government-assistance", "社会救助", "", "village-government"),
    ("village-government-subsidies", "补贴发放", "", "village-government"),
    ("village-finance", "财务公开", "", None),
    ("village-finance-statements", "收支明细", "", "village-finance"),
    ("village-finance-assets", "集体资产资源", "", "village-finance"),
    ("village-finance-projects", "项目资金", "", "village-finance"),
    ("village-affairs", "村务公开", "居务公开", None),
    ("village-affairs-decisions", "重大事项决策", "", "village-affairs"),
    ("village-affairs-publicity", "公示公告", "", "village-affairs"),
    ("village-affairs-projects", "工程建设", "", "village-affairs"),
    ("village-services", "服务公开", "", None),
    ("village-services-guides", "便民服务指南", "", "village-services"),
    ("village-services-contacts", "服务网格与联系人", "", "village-services"),
)


def seed(apps, schema_editor):
    Organization = apps.get_model("orgs", "Organization")
    Column = apps.get_model("publishing", "Column")
    for organization in Organization.objects.filter(region__level="village", is_active=True):
        community = "社区" in (organization.short_name or organization.name) or "居民委员会" in organization.name
        existing = {column.slug: column for column in Column.objects.filter(organization=organization)}
        for number, (slug, name, community_name, parent) in enumerate(TREE, start=1):
            if slug not in existing:
                existing[slug] = Column.objects.create(
                    organization=organization,
                    parent=existing.get(parent),
                    slug=slug,
                    name=community_name if community and community_name else name,
                    kind="custom",
                    sort_order=number,
                )


class Migration(migrations.Migration):
    dependencies = [
        ("villages", "0001_initial"),
        ("orgs", "0002_village_review_and_grid_workers"),
        ("publishing", "0004_constraint_messages"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
