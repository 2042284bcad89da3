"""An accessibility scan of every screen with axe-core: no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

from .conftest import sign_in

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => {
                    const where = v.nodes.slice(0, 3).map(n => n.target.join(" "));
                    return `${v.id} (${v.impact}): ${where.join(", ")}`;
                });
        }"""
    )
    return list(found)


def test_the_scan_finds_a_violation_when_there_is_one(live_server, new_context):
    page = new_context("1024x768").new_page()
    page.goto(live_server.url + "/")
    page.set_content('<html lang="en"><title>x</title><main><input type="text"></main></html>')
    assert any(found.startswith("label ") for found in violations(page))


def test_no_serious_or_critical_accessibility_violation_on_any_screen(live_server, new_context):
    page = new_context("1024x768").new_page()
    page.goto(live_server.url + "/")
    page.wait_for_selector("#username")
    report = {"login": violations(page)}
    sign_in(page, live_server.url)
    report["home"] = violations(page)
    page.click("#new-coe")
    page.wait_for_selector("#f-family-parent1_last_name")
    report["family"] = violations(page)
    for name in ("child", "move", "comments", "signatures", "review"):
        page.click("#next")
        page.wait_for_selector("#step-title")
        report[name] = violations(page)
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    report["review-es"] = violations(page)
    problems = {screen: found for screen, found in report.items() if found}
    assert not problems, problems
