"""The search module's workbench panel: what the public searched for and did not find (office and admins)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.orgs.access import roles_of
from gongkai.search.selectors import OVERSIGHT_ROLES, popular_queries

PANEL_DAYS = 7
PANEL_ROWS = 5


def panels(request) -> list[Panel]:
    if not roles_of(request.user) & OVERSIGHT_ROLES:
        return []
    rows = popular_queries(person=request.user, days=PANEL_DAYS, limit=PANEL_ROWS, zero_only=True)
    search_url = reverse("portal:search:search")
    items = [
        {
            "label": row["query"],
            "url": f"{search_url}?{urlencode({'q': row['query']})}",
            "meta": _("%(count)s 次无结果") % {"count": row["zero_results"]},
        }
        for row in rows
    ]
    return [
        Panel(
            title=_("近一周无结果的检索"),
            items=items,
            more_url=reverse("backoffice:search:index"),
            empty_text=_("近一周公众检索都找到了结果。"),
            count=len(items),
        )
    ]
