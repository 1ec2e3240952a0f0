"""The counted kinds of the apps engagement sits beside: service guides are counted like records (readings, shares,
有用/没用 by the page's beacon), but engagement and services are independent apps of the same layer, so the portal,
which sits above both, tells engagement which guides are public."""

from gongkai.engagement.counted import register_counted_kind
from gongkai.engagement.models import CountedKind
from gongkai.services.selectors import public_guides


def register() -> None:
    register_counted_kind(CountedKind.GUIDE, lambda ids: public_guides().filter(pk__in=list(ids)))
