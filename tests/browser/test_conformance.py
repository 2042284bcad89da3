"""Every conformance vector of forms/coe/vectors/ through the tablet's evaluator, in Chromium.

The cases are built by the server's own loader (campo.formdefs.vectors), the definitions come
from the API, and pwa/src/forms/evaluate.js judges them in the page: failures, problems,
blocking, derived and per-child values must be exactly what each vector states.
"""

from __future__ import annotations

import dataclasses

from campo.formdefs.vectors import load_cases

from .conftest import watch

CASES = [dataclasses.asdict(case) for case in load_cases("coe")]

EVALUATE_ALL = """
async (cases) => {
  const { buildForm } = await import("/src/forms/answers.js");
  const { evaluateAnswers } = await import("/src/forms/evaluate.js");
  const forms = {};
  for (const version of [...new Set(cases.map((c) => c.version))]) {
    const response = await fetch(`/api/v1/forms/coe/${version}`);
    forms[version] = buildForm((await response.json()).definition);
  }
  return cases.map((c) => {
    const options = { today: c.today, complete: c.complete };
    const result = evaluateAnswers(forms[c.version], c.answers, options);
    return {
      failures: result.failures.map((f) => f.key).sort(),
      problems: result.problems.map((p) => `${p.path}:${p.code}`).sort(),
      blocking: result.blocking,
      derived: result.derived,
      children: result.children,
    };
  });
}
"""


def disagreements(case: dict, got: dict) -> list[str]:
    expect, found = case["expect"], []
    if "failures" in expect and got["failures"] != sorted(expect["failures"]):
        found.append(f"failures {got['failures']} != {sorted(expect['failures'])}")
    if "problems" in expect and got["problems"] != sorted(expect["problems"]):
        found.append(f"problems {got['problems']} != {sorted(expect['problems'])}")
    if "blocking" in expect and got["blocking"] is not expect["blocking"]:
        found.append(f"blocking {got['blocking']} != {expect['blocking']}")
    for key, value in expect.get("derived", {}).items():
        if got["derived"].get(key) != value:
            found.append(f"derived.{key} {got['derived'].get(key)!r} != {value!r}")
    for index, values in expect.get("children", {}).items():
        for key, value in values.items():
            mine = got["children"][int(index)].get(key)
            if mine != value:
                found.append(f"children.{index}.{key} {mine!r} != {value!r}")
    return found


def test_every_vector_agrees_in_the_browser(live_server, new_context):
    assert len(CASES) >= 80
    page = new_context().new_page()
    errors = watch(page)
    page.goto(live_server.url + "/")
    results = page.evaluate(EVALUATE_ALL, CASES)
    assert len(results) == len(CASES)
    wrong = {
        f"{case['file']}: {case['name']}": problems
        for case, got in zip(CASES, results, strict=True)
        if (problems := disagreements(case, got))
    }
    assert not wrong, wrong
    assert not errors, errors
