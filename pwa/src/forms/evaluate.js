// Evaluating a definition's rules and derived values over a COE's answers: the twin of
// backend/campo/formdefs/evaluate.py. The tablet's results are advisory (the server judges on
// every save and submission) but they must agree: the conformance vectors check that they do.
import { context, isObject, relevantView, validateAnswers } from "./answers.js";
import { ExpressionError, evaluate, truthy } from "./logic.js";

export const PASS = "pass";
export const FAIL = "fail";
export const NOT_APPLICABLE = "not_applicable";
export const BROKEN = "error";

function value(expression, data) {
  try {
    return evaluate(expression, data);
  } catch (error) {
    if (error instanceof ExpressionError) return null;
    throw error;
  }
}

// Field paths of a rule: child-relative names ("birth_date") become children.N.birth_date.
function ruleFields(rule, child) {
  if (child === null) return [...rule.fields];
  return rule.fields.map((name) =>
    name.includes(".") || name === "children" ? name : `children.${child}.${name}`,
  );
}

function judge(rule, data, child) {
  const fields = ruleFields(rule, child);
  let outcome;
  try {
    if ("applies" in rule && !truthy(evaluate(rule.applies, data))) outcome = NOT_APPLICABLE;
    else outcome = truthy(evaluate(rule.test, data)) ? PASS : FAIL;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    outcome = BROKEN;
  }
  const key = child === null ? rule.code : `${rule.code}@${child}`;
  return {
    code: rule.code,
    key,
    severity: rule.severity,
    outcome,
    child,
    fields,
    failed: outcome === FAIL || outcome === BROKEN,
  };
}

// Validate answers and evaluate every rule and derived value of form over them.
// Returns {formVersion, today, problems, results, failures, blocking, derived, children}.
export function evaluateAnswers(form, answers, { today, complete = false }) {
  const result = {
    formVersion: form.version,
    today,
    results: [],
    derived: {},
    children: [],
    problems: validateAnswers(form, answers, { today, complete }),
  };
  const view = relevantView(form, answers, { today });
  let children = Array.isArray(view.children) ? view.children : [];
  children = children.map((child) => (isObject(child) ? child : {}));
  result.children = children.map(() => ({}));

  function contexts(scope) {
    const shared = { derived: result.derived, childrenDerived: result.children };
    if (scope === "coe") return [[null, context(view, today, shared)]];
    return children.map((child, index) => [
      index,
      context(view, today, { ...shared, child, index, childDerived: result.children[index] }),
    ]);
  }

  for (const derived of form.derived) {
    // Lazily, as the server does: each value sees the ones computed before it.
    if (derived.scope === "coe") {
      result.derived[derived.key] = value(derived.value, contexts("coe")[0][1]);
    } else {
      children.forEach((_child, index) => {
        const data = contexts("child")[index][1];
        result.children[index][derived.key] = value(derived.value, data);
      });
    }
  }
  for (const rule of form.rules) {
    for (const [index, data] of contexts(rule.scope)) result.results.push(judge(rule, data, index));
  }
  result.failures = result.results.filter((r) => r.failed);
  result.blocking =
    result.problems.length > 0 || result.failures.some((r) => r.severity === "error");
  return result;
}
