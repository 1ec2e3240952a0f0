"""The shapes that travel between sources, backends and callers: documents in, hits out."""

from dataclasses import dataclass, field
from datetime import date, datetime

# The filters every document may carry. Each is a tuple of strings so one document can sit under several
# organizations (a catalog item with several responsible organizations) or carry several file types.
FACETS = ("organization", "column", "domain", "stage", "validity", "file_type")
SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
SORTS = (SORT_RELEVANCE, SORT_DATE)
# Standing of a document: the validity facet values of documents no longer in force ("replaced" is added beside the
# validity of a record that another record replaced). Ranked searches list documents in force before these.
SUPERSEDED = ("lapsed", "repealed", "replaced")
STANDING_CURRENT = "current"
STANDING_SUPERSEDED = "superseded"


@dataclass(frozen=True)
class SearchDocument:
    """One public thing as the index sees it. `key` ("record:12") is unique across kinds."""

    kind: str
    id: int
    title: str
    body: str
    url: str
    date: datetime
    fields: dict = field(default_factory=dict)  # shown with a hit: doc_number, index_number, organization name …
    filters: dict = field(default_factory=dict)  # facet name → tuple of strings, see FACETS
    lookup_keys: tuple = ()  # document numbers and index numbers, matched exactly before ranking
    extra: str = ""  # searched with the body but never shown in snippets (numbers, keywords, codes)

    @property
    def key(self) -> str:
        return document_key(self.kind, self.id)


def document_key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


@dataclass(frozen=True)
class SearchFilters:
    """What a searcher narrowed the results to. Empty strings and None mean "any"."""

    kind: str = ""
    organization: str = ""
    column: str = ""
    domain: str = ""
    stage: str = ""
    validity: str = ""
    file_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    # "" any; STANDING_CURRENT: no SUPERSEDED validity value; STANDING_SUPERSEDED: at least one of them.
    standing: str = ""

    def facet_values(self) -> dict[str, str]:
        values = {name: getattr(self, name) for name in FACETS if getattr(self, name)}
        if self.kind:
            values["kind"] = self.kind
        return values


@dataclass
class Hit:
    key: str
    kind: str
    id: int
    title: str
    url: str
    date: datetime
    score: float
    fields: dict
    body: str = ""
    exact: bool = False  # found by document number or index number
    snippet: str = ""  # safe HTML with <mark> around the matched words
    title_html: str = ""
    standing_label: str = ""  # 现行有效 / 已废止 / 已失效 / 已被替代 for documents that carry a validity


@dataclass
class SearchPage:
    hits: list[Hit]
    total: int
    page: int
    page_size: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
