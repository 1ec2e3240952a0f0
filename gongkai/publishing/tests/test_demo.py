"""The publishing demo step leaves drafts whose pre-publication check shows each screening detector."""

import io
import random

import pytest

from gongkai.core.demo import DemoContext
from gongkai.orgs import demo as orgs_demo
from gongkai.publishing import demo
from gongkai.publishing.models import Genre, Record, RecordStatus
from gongkai.publishing.services.interpretation import has_submitted_interpretation
from gongkai.screening import demo as screening_demo
from gongkai.screening.selectors import findings_for

pytestmark = pytest.mark.django_db


def test_screening_drafts_show_every_detector():
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    screening_demo.build(context)
    specs = demo.screening_draft_specs(context)
    people: dict = {}
    for spec in specs:
        record = demo.build_record(spec, demo.people_of(spec.organization, people), {}, random.Random(1), {}, {})
        demo.finish(spec, record, demo.people_of(spec.organization, people))
    drafts = Record.objects.filter(title__in=demo.SCREENING_SAMPLE_TITLES.values())
    assert drafts.count() == 4
    assert set(drafts.values_list("status", flat=True)) == {RecordStatus.DRAFT}
    kinds = {finding.kind for record in drafts for finding in findings_for(record)}
    assert {"id_card", "mobile", "bank_card", "email", "secret_marking", "expression", "sensitive"} <= kinds


def test_the_demo_publishes_normative_documents_with_their_interpretation_or_an_exemption():
    """三同步 holds in the demo: `make run` builds it through the same gate as a clerk's publication."""
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    screening_demo.build(context)
    demo.build(context)
    normative = Record.objects.filter(genre=Genre.NORMATIVE, published_at__isnull=False)
    assert normative.count() >= 10
    interpreted = [record for record in normative if has_submitted_interpretation(record)]
    exempted = [record for record in normative if record.interpretation_exemption]
    assert len(interpreted) >= 10
    assert set(interpreted) | set(exempted) == set(normative)
    for record in interpreted:
        interpretation = record.interpretations.get()
        assert interpretation.status == RecordStatus.PUBLISHED
