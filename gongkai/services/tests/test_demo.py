"""The demo step: 60 guides of 12 departments, each with a flowchart, the packages, 一件事 and sites; a second run
changes nothing."""

import io

import pytest

from gongkai.core.demo import DemoContext
from gongkai.core.models import AuditEntry
from gongkai.orgs import demo as orgs_demo
from gongkai.services import demo
from gongkai.services.flowchart import flowchart_text
from gongkai.services.models import CompositeService, Guide, GuideChange, Site, SiteCategory, ThemePackage
from gongkai.services.validation import guide_problems

pytestmark = pytest.mark.django_db


def test_demo_builds_complete_guides_packages_and_sites_once():
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    demo.build(context)
    originals = Guide.objects.filter(source_guide__isnull=True)
    assert originals.count() == 60
    assert originals.values("organization").distinct().count() == 12
    for guide in originals:
        data = {
            **{
                field: getattr(guide, field)
                for field in (
                    "code",
                    "name",
                    "kind",
                    "basis",
                    "scope",
                    "conditions",
                    "materials",
                    "fees",
                    "statutory_days",
                    "promised_days",
                    "online_url",
                    "counter_address",
                    "counter_hours",
                    "steps",
                    "contact_phone",
                    "complaint_phone",
                    "faqs",
                    "fully_online",
                )
            }
        }
        assert guide_problems(data, complete=True) == [], guide.name
        assert flowchart_text(guide.steps)
    assert Guide.objects.filter(source_guide__isnull=False).count() == 6
    assert GuideChange.objects.filter(status="pending").count() == 1
    assert (ThemePackage.objects.count(), CompositeService.objects.count()) == (4, 2)
    assert SiteCategory.objects.filter(parent__isnull=True).count() == 6
    assert SiteCategory.objects.filter(parent__isnull=False).count() == 23
    assert 75 <= Site.objects.count() <= 90
    assert Site.objects.filter(is_disclosure_point=True, organization__kind="committee").count() == 25
    entries = AuditEntry.objects.count()
    demo.build(context)
    assert AuditEntry.objects.count() == entries
    assert Guide.objects.count() == 66
