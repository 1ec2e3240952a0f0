import json

import pytest

from gongkai.orgs.tests.factories import PASSWORD
from gongkai.screening.services import screen_target

from .helpers import id_number


def test_check_returns_findings_and_masked_text(client, clerk):
    client.force_login(clerk)
    response = client.post(
        "/api/v1/screening/check/", {"text": f"身份证{id_number()}"}, content_type="application/json"
    )
    data = response.json()
    assert response.status_code == 200
    assert [(f["kind"], f["severity"], f["start"], f["end"]) for f in data["findings"]] == [("id_card", "block", 3, 21)]
    assert data["blocking"] == 1
    assert data["masked"] == "身份证11*************" + id_number()[-3:]


def test_check_requires_staff_and_valid_json(client, clerk):
    assert client.post("/api/v1/screening/check/", "{}", content_type="application/json").status_code == 401
    client.force_login(clerk)
    response = client.post("/api/v1/screening/check/", "not json", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "api.unreadable_body")
    response = client.post("/api/v1/screening/check/", "{}", content_type="application/json")
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        422,
        "api.invalid_input",
        "text",
    )


def test_unreadable_upload_is_a_400_with_chinese_message(client, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(clerk)
    upload = SimpleUploadedFile("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    response = client.post("/api/v1/screening/check-file/", {"file": upload})
    assert response.status_code == 400
    assert "旧版" in response.json()["message"]


@pytest.mark.parametrize(("who", "status"), [("other_clerk", 403), ("clerk", 200), ("office", 200)])
def test_finding_endpoint_matrix(client, request, department, who, status):
    finding = screen_target(target=department, texts=[("正文", "电话13812345678")], organization=department)[0]
    person = request.getfixturevalue(who)
    client.login(username=person.username, password=PASSWORD)
    response = client.get(f"/api/v1/screening/findings/{finding.pk}/")
    assert response.status_code == status
    if status == 200:
        assert json.loads(response.content)["text"] == "13812345678"
