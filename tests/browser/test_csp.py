"""The app runs under its strict Content-Security-Policy: no inline script or style is needed."""

from __future__ import annotations

from .conftest import sign_in, unlock, watch

COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


def test_the_whole_app_runs_with_its_policy_enforced(live_server, new_context):
    context = new_context("1024x768", bypass_csp=False)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    page.click("#new-coe")
    page.wait_for_selector("#f-family-parent1_last_name")
    page.fill("#f-family-parent1_last_name", "Ortega")
    for _step in range(4):
        page.click("#next")
    page.wait_for_selector("#signature-interviewee")
    page.click("#next")
    page.wait_for_selector("#verdict")
    page.click("#lock-now")
    unlock(page)
    page.goto(live_server.url + "/api/docs")  # the docs page keeps working under its own policy
    page.wait_for_selector("#swagger-ui .info, .swagger-ui .info", timeout=20000)
    assert page.evaluate("window.__violations") == []
    assert not errors, errors
    page.goto(live_server.url + "/")
    unlock(page)
    blocked = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", () => resolve("blocked"));
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.head.append(script);
            setTimeout(() => resolve(window.__ran ? "ran" : "silent"), 1000);
        })"""
    )
    assert blocked == "blocked"  # and an injected inline script is refused
