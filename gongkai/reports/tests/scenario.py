"""A constructed department year (records, applications across both year boundaries, cases) and its exact tables."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications.models import Status
from gongkai.publishing.models import RecordStatus, Validity
from gongkai.reports import tables as t
from gongkai.reports.models import CaseKind, CaseResult

from .factories import make_application, make_case, make_record

YEAR = 2025


def active(block, content, column):
    return t.Cell(t.TABLE_ACTIVE, (block, content), (column,)).key


def request(row, column):
    return t.Cell(t.TABLE_REQUESTS, row if isinstance(row, tuple) else (row,), (column,)).key


def review(group, column):
    return t.Cell(t.TABLE_REVIEWS, (), (*group, column)).key


WITHHELD = t.RESULT_GROUPS[2]
UNAVAILABLE = t.RESULT_GROUPS[3]
NOT_PROCESSED = t.RESULT_GROUPS[4]
OTHER = t.RESULT_GROUPS[5]
DISCLOSED_ROW = (t.RESULTS, t.RESULT_GROUPS[0][0])
PARTIAL_ROW = (t.RESULTS, t.RESULT_GROUPS[1][0])


def leaf(group, number):
    return (t.RESULTS, group[0], group[1][number - 1])


@pytest.fixture
def data(department, other_department, government, clerk):
    """A department's year with records, applications across both year boundaries, and cases."""
    record = lambda **kw: make_record(author=clerk, **kw)  # noqa: E731
    org = department
    # 规章
    record(organization=org, genre="regulation", written_on=date(2025, 3, 1))  # made, in force
    record(
        organization=org,
        genre="regulation",
        written_on=date(2023, 5, 1),
        validity=Validity.REPEALED,
        repealed_on=date(2025, 6, 1),
    )  # repealed this year
    record(organization=org, genre="regulation", written_on=date(2020, 1, 1))  # in force
    record(
        organization=org, genre="regulation", written_on=date(2025, 12, 20), effective_on=date(2026, 1, 10)
    )  # made, not yet in force on 31 December
    # 行政规范性文件
    record(
        organization=org,
        genre="normative",
        written_on=date(2024, 2, 1),
        validity=Validity.REPEALED,
        repealed_on=date(2026, 2, 1),
    )  # still in force on 31 December 2025
    record(organization=org, genre="normative", written_on=date(2025, 7, 1), status=RecordStatus.WITHDRAWN)
    record(
        organization=org,
        genre="normative",
        written_on=date(2025, 4, 1),
        validity=Validity.LAPSED,
        expired_on=date(2025, 10, 1),
    )  # made, expired by year end
    record(organization=org, genre="normative", written_on=date(2019, 1, 1), validity=Validity.LAPSED)
    record(organization=org, genre="normative", written_on=date(2025, 8, 1), status=RecordStatus.DRAFT)
    # decisions and fees
    record(organization=org, genre="licensing", written_on=date(2025, 2, 1), decision_count=12)
    record(organization=org, genre="licensing", written_on=date(2025, 9, 1), decision_count=30)
    record(organization=org, genre="licensing", written_on=date(2024, 9, 1), decision_count=5)
    record(organization=org, genre="penalty", written_on=date(2025, 5, 5), decision_count=7)
    record(
        organization=org,
        genre="coercion",
        written_on=date(2025, 5, 6),
        decision_count=3,
        status=RecordStatus.TAKEN_OFFLINE,
    )
    record(organization=org, genre="fee", written_on=date(2025, 1, 10), fee_amount=Decimal("1.25"))
    record(organization=org, genre="fee", written_on=date(2025, 11, 10), fee_amount=Decimal("0.005"))
    record(organization=org, genre="notice", written_on=date(2025, 1, 10))
    # another department
    record(organization=other_department, genre="regulation", written_on=date(2025, 2, 2))
    record(organization=other_department, genre="fee", written_on=date(2025, 1, 10), fee_amount=Decimal("2"))

    app = make_application
    app(organization=org, applicant_type="natural_person", received_on=date(2025, 2, 1),
        outcome="disclosed", decided_on=date(2025, 2, 20))  # fmt: skip
    app(organization=org, applicant_type="natural_person", received_on=date(2024, 12, 20),
        outcome="withheld_4", decided_on=date(2025, 1, 10))  # fmt: skip
    app(organization=org, applicant_type="natural_person", received_on=date(2024, 11, 1),
        outcome="disclosed", decided_on=date(2024, 12, 1))  # fmt: skip
    app(organization=org, applicant_type="business", received_on=date(2025, 12, 25))
    app(organization=org, applicant_type="business", received_on=date(2025, 12, 30),
        outcome="partially_disclosed", decided_on=date(2026, 1, 5))  # fmt: skip
    app(organization=org, applicant_type="research", received_on=date(2024, 12, 28), status=Status.CONSULTING)
    app(organization=org, applicant_type="legal_service", received_on=date(2025, 5, 1),
        outcome="not_processed_2", decided_on=date(2025, 5, 10))  # fmt: skip
    app(organization=org, applicant_type="nonprofit", received_on=date(2025, 6, 1),
        outcome="other_1", decided_on=date(2025, 7, 1))  # fmt: skip
    app(organization=org, applicant_type="other", received_on=date(2025, 7, 1),
        outcome="unavailable_3", decided_on=date(2025, 7, 20))  # fmt: skip
    original = app(organization=org, applicant_type="natural_person", received_on=date(2025, 3, 1),
                   status=Status.TRANSFERRED)  # fmt: skip
    app(organization=other_department, applicant_type="natural_person", received_on=date(2025, 3, 4),
        outcome="unavailable_1", decided_on=date(2025, 3, 20), transferred_from=original)  # fmt: skip
    app(organization=org, applicant_type="natural_person", received_on=date(2026, 1, 3))

    case = lambda **kw: make_case(author=clerk, **kw)  # noqa: E731
    case(organization=org, kind=CaseKind.REVIEW, filed_on=date(2025, 3, 1),
         result=CaseResult.UPHELD, concluded_on=date(2025, 5, 1))  # fmt: skip
    case(organization=org, kind=CaseKind.REVIEW, filed_on=date(2025, 9, 1),
         result=CaseResult.CORRECTED, concluded_on=date(2026, 1, 15))  # fmt: skip
    case(organization=org, kind=CaseKind.DIRECT_SUIT, filed_on=date(2025, 4, 1),
         result=CaseResult.CORRECTED, concluded_on=date(2025, 8, 1))  # fmt: skip
    case(organization=org, kind=CaseKind.SUIT_AFTER_REVIEW, filed_on=date(2025, 6, 1),
         result=CaseResult.OTHER, concluded_on=date(2025, 11, 1), case_number="（2025）苏0402行初7号")  # fmt: skip
    case(organization=government, kind=CaseKind.SUIT_AFTER_REVIEW, filed_on=date(2025, 6, 1),
         case_number="（2025）苏0402行初7号", as_review_body=True)  # fmt: skip
    case(organization=org, kind=CaseKind.REVIEW, filed_on=date(2024, 12, 1))
    case(organization=org, kind=CaseKind.DIRECT_SUIT, filed_on=date(2025, 2, 1), is_active=False)
    return org


def expected_department() -> dict:
    expected = t.empty_values()
    expected.update(
        {
            active(t.ARTICLE_20_1, t.REGULATION, t.MADE): 2,
            active(t.ARTICLE_20_1, t.REGULATION, t.REPEALED): 1,
            active(t.ARTICLE_20_1, t.REGULATION, t.IN_FORCE): 2,
            active(t.ARTICLE_20_1, t.NORMATIVE, t.MADE): 1,
            active(t.ARTICLE_20_1, t.NORMATIVE, t.IN_FORCE): 1,
            active(t.ARTICLE_20_5, t.LICENSING, t.DECISIONS): 42,
            active(t.ARTICLE_20_6, t.PENALTY, t.DECISIONS): 7,
            active(t.ARTICLE_20_6, t.COERCION, t.DECISIONS): 3,
            active(t.ARTICLE_20_8, t.FEE, t.FEE_AMOUNT): Decimal("1.2550"),
            # 自然人: one new and disclosed, one carried in and withheld (third party)
            request(t.NEW, "自然人"): 1,
            request(t.CARRIED_IN, "自然人"): 1,
            request(DISCLOSED_ROW, "自然人"): 1,
            request(leaf(WITHHELD, 4), "自然人"): 1,
            request(t.RESULT_TOTAL_ROW, "自然人"): 2,
            # 商业企业: two received in late December, both carried into next year
            request(t.NEW, "商业企业"): 2,
            request(t.CARRIED_OUT, "商业企业"): 2,
            # 科研机构: carried in from last year and still open
            request(t.CARRIED_IN, "科研机构"): 1,
            request(t.CARRIED_OUT, "科研机构"): 1,
            request(t.NEW, "社会公益组织"): 1,
            request(leaf(OTHER, 1), "社会公益组织"): 1,
            request(t.RESULT_TOTAL_ROW, "社会公益组织"): 1,
            request(t.NEW, "法律服务机构"): 1,
            request(leaf(NOT_PROCESSED, 2), "法律服务机构"): 1,
            request(t.RESULT_TOTAL_ROW, "法律服务机构"): 1,
            request(t.NEW, "其他"): 1,
            request(leaf(UNAVAILABLE, 3), "其他"): 1,
            request(t.RESULT_TOTAL_ROW, "其他"): 1,
            request(t.NEW, t.TOTAL): 6,
            request(t.CARRIED_IN, t.TOTAL): 2,
            request(DISCLOSED_ROW, t.TOTAL): 1,
            request(leaf(WITHHELD, 4), t.TOTAL): 1,
            request(leaf(UNAVAILABLE, 3), t.TOTAL): 1,
            request(leaf(NOT_PROCESSED, 2), t.TOTAL): 1,
            request(leaf(OTHER, 1), t.TOTAL): 1,
            request(t.RESULT_TOTAL_ROW, t.TOTAL): 5,
            request(t.CARRIED_OUT, t.TOTAL): 3,
            review(t.REVIEW_GROUPS[0], t.UPHELD): 1,
            review(t.REVIEW_GROUPS[0], t.PENDING): 1,
            review(t.REVIEW_GROUPS[0], t.TOTAL): 2,
            review(t.REVIEW_GROUPS[1], t.CORRECTED): 1,
            review(t.REVIEW_GROUPS[1], t.TOTAL): 1,
            review(t.REVIEW_GROUPS[2], t.OTHER_RESULT): 1,
            review(t.REVIEW_GROUPS[2], t.TOTAL): 1,
        }
    )
    return expected


def finish_narrative(report, actor):
    """Replace the drafting prompt of section 五, as the office does before publishing."""
    from gongkai.reports.services import update_narrative

    return update_narrative(
        report=report,
        actor=actor,
        overview=report.overview,
        problems="主动公开的及时性有待提高，下一步将加强督促。",
        other_matters=report.other_matters,
    )
