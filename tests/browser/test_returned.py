"""A COE returned by the supervisor comes back to the tablet, is signed again and resubmitted."""

from __future__ import annotations

import json
import urllib.request

from .conftest import PASSWORD, shoot, sign_in, watch
from .test_offline import next_step, sign_on


def api(url: str, method: str, path: str, body: dict | None = None, token: str | None = None):
    request = urllib.request.Request(  # noqa: S310 - the test server on 127.0.0.1
        url + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"}
        | ({"Authorization": f"Bearer {token}"} if token else {}),
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the test server
        return json.load(response)


def test_a_returned_coe_is_corrected_signed_again_and_resubmitted(live_server, new_context):
    url = live_server.url
    recruiter = api(
        url, "POST", "/api/v1/auth/login", {"username": "recruiter1", "password": PASSWORD}
    )
    mine = api(
        url, "GET", "/api/v1/coes?mine=true&status=submitted", token=recruiter["access_token"]
    )
    waiting = next(item for item in mine if item["status"] == "submitted")
    supervisor = api(
        url, "POST", "/api/v1/auth/login", {"username": "supervisor1", "password": PASSWORD}
    )
    returned = api(
        url,
        "POST",
        f"/api/v1/coes/{waiting['id']}/review",
        {"decision": "return", "reasons": ["missing_information"], "comment": "Add the phone."},
        token=supervisor["access_token"],
    )
    assert returned["status"] == "returned"

    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in(page, url)
    page.wait_for_selector(f'#sent-list [data-id="{waiting["id"]}"][data-status="returned"]')
    page.click(f'#sent-list [data-id="{waiting["id"]}"] button')
    page.wait_for_selector("#f-family-phone")
    page.fill("#f-family-phone", "8315550199")
    page.click(".stepper li:nth-last-child(2) button")  # the interview and signatures
    page.wait_for_selector("#signature-interviewee")
    sign_on(page, "#signature-interviewee")
    sign_on(page, "#signature-recruiter")
    next_step(page)
    page.wait_for_selector("#verdict.verdict-ok")
    # The reviewer's reasons in words, not codes, with the comment.
    reasons = page.inner_text("#returned-reasons")
    assert "Required information is missing" in reasons
    assert "Add the phone." in reasons
    shoot(page, "1024x768", "12-returned-review")
    page.click("#queue")
    page.wait_for_selector(f'#sent-list [data-id="{waiting["id"]}"][data-status="submitted"]')
    coe = live_server.coe(waiting["id"])
    assert coe.status.value == "submitted"
    assert coe.version == returned["version"] + 1
    assert coe.answers["family"]["phone"] == "8315550199"
    assert not errors, errors
