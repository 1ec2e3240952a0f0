"""Static page families of the newer areas: services (guides and their lists), the open-data catalog, village
pages and oversight's public leaderboard (see families.py for the portal's own, registry.py for the mechanism).

Topics: "guide:<id>" (a guide put in force, changed or retired), "dataset:<id>", "record:<id>" (a village's page
lists its latest records), "leaderboard", and the whole-family topics "services", "opendata", "villages".
Scoped answers do not depend on whether the object is public now, so a removal finds the files.
"""

from django.urls import reverse

from gongkai.opendata.models import Dataset
from gongkai.opendata.selectors import published_datasets
from gongkai.orgs.models import Level
from gongkai.publishing.models import Record
from gongkai.services.models import Guide
from gongkai.services.selectors import public_composites, public_guides, public_packages
from gongkai.villages.selectors import villages

from .registry import register

EVERYTHING = {"site", "organizations"}


def guide_url(credit_code: str, code: str) -> str:
    return reverse("portal:services:guide", kwargs={"org": credit_code, "code": code})


def services_lists() -> list[str]:
    """The pages that list guides: the area's front page, the guide list (first page), time limits, packages and
    一件事 (they show the guides in force)."""
    urls = [reverse(f"portal:services:{name}") for name in ("index", "guides", "time_limits")]
    urls += [package.get_absolute_url() for package in public_packages().order_by("pk")]
    urls += [composite.get_absolute_url() for composite in public_composites().order_by("pk")]
    return urls


def services_pages() -> list[str]:
    guides = public_guides().order_by("pk").values_list("organization__credit_code", "code")
    return services_lists() + [guide_url(org, code) for org, code in guides]


def pages_of_guide(guide_id) -> list[str]:
    found = Guide.objects.filter(pk=int(guide_id)).values_list("organization__credit_code", "code").first()
    return ([guide_url(*found)] if found else []) + services_lists()


def dataset_urls(slug: str) -> list[str]:
    """The dataset's page. Its JSON-LD (`…/jsonld/`) stays dynamic: a folder URL's file is served as HTML, RSS or
    Atom only (deploy/nginx tries index.html, index.rss, index.atom)."""
    return [reverse("portal:opendata:dataset", kwargs={"slug": slug})]


def opendata_lists() -> list[str]:
    return [reverse("portal:opendata:index"), reverse("portal:data_json")]


def opendata_pages() -> list[str]:
    slugs = published_datasets().values_list("slug", flat=True)
    return opendata_lists() + [url for slug in slugs for url in dataset_urls(slug)]


def pages_of_dataset(dataset_id) -> list[str]:
    slug = Dataset.objects.filter(pk=int(dataset_id)).values_list("slug", flat=True).first()
    return opendata_lists() + (dataset_urls(slug) if slug else [])


def village_url(organization_id: int) -> str:
    return reverse("portal:villages:village", kwargs={"organization_id": organization_id})


def village_pages() -> list[str]:
    ids = villages().order_by("pk").values_list("pk", flat=True)
    return [reverse("portal:villages:index")] + [village_url(pk) for pk in ids]


def village_page_of_record(record_id) -> list[str]:
    """A village's page lists its latest records: the record's organization's page, when it is a village."""
    found = (
        Record.objects.filter(pk=int(record_id), organization__region__level=Level.VILLAGE)
        .values_list("organization_id", flat=True)
        .first()
    )
    return [village_url(found)] if found else []


def leaderboard_url() -> list[str]:
    return [reverse("portal:oversight:leaderboard")]


def register_area_pages() -> None:
    register(
        "services.pages",
        urls=services_pages,
        depends_on=EVERYTHING | {"services"},
        scoped={"guide": pages_of_guide},
    )
    register(
        "opendata.pages",
        urls=opendata_pages,
        depends_on=EVERYTHING | {"opendata"},
        scoped={"dataset": pages_of_dataset},
    )
    register(
        "villages.pages",
        urls=village_pages,
        depends_on=EVERYTHING | {"villages", "columns"},
        scoped={"record": village_page_of_record},
    )
    register(
        "oversight.leaderboard",
        urls=leaderboard_url,
        depends_on=EVERYTHING | {"leaderboard"},
    )
