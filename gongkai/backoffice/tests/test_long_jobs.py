"""Long jobs start from the back office: the whole-site rescan (the search reindex and exports already had buttons)."""

import pytest
from django.urls import reverse

from gongkai.screening.models import ScanRun

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("clerk", 403), ("office", 403), ("admin_person", 302)]
)
def test_only_an_admin_starts_the_whole_site_rescan(request, client, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("backoffice:screening:start_rescan"))
    assert response.status_code == status
    assert ScanRun.objects.count() == (1 if who == "admin_person" else 0)
    if who == "admin_person":
        assert response["Location"] == reverse("backoffice:screening:runs")


def test_the_runs_page_offers_the_button_to_admins_only(client, clerk, admin_person):
    client.force_login(admin_person)
    assert (
        reverse("backoffice:screening:start_rescan")
        in client.get(reverse("backoffice:screening:runs")).content.decode()
    )
    client.force_login(clerk)
    response = client.get(reverse("backoffice:screening:runs"))
    assert response.status_code == 200
    assert reverse("backoffice:screening:start_rescan") not in response.content.decode()
