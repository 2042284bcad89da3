"""Evaluating a definition's rules and derived values over a COE's answers.

The client's results are advisory; the server runs this on every save and submission and keeps
the outcome with the COE. Rules judge the relevant, normalized answers (answers.relevant_view).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from campo.formdefs.answers import FieldProblem, context, relevant_view, validate_answers
from campo.formdefs.definitions import FormDefinition
from campo.formdefs.logic import ExpressionError, evaluate, truthy

PASS, FAIL, NOT_APPLICABLE, BROKEN = "pass", "fail", "not_applicable", "error"


@dataclass(frozen=True)
class RuleResult:
    code: str
    severity: str
    outcome: str
    child: int | None
    fields: tuple[str, ...]

    @property
    def key(self) -> str:
        """``R1.under_22_on_qad@0`` for a child's rule, the bare code for the COE's."""
        return self.code if self.child is None else f"{self.code}@{self.child}"

    @property
    def failed(self) -> bool:
        return self.outcome in (FAIL, BROKEN)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "outcome": self.outcome,
            "child": self.child,
            "fields": list(self.fields),
        }


@dataclass
class Evaluation:
    form_version: str
    today: str
    results: list[RuleResult] = field(default_factory=list)
    derived: dict[str, Any] = field(default_factory=dict)
    children: list[dict[str, Any]] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def failures(self) -> list[RuleResult]:
        return [r for r in self.results if r.failed]

    @property
    def blocking(self) -> bool:
        """Whether submission must be refused: a field problem or a failed error rule."""
        return bool(self.problems) or any(r.severity == "error" for r in self.failures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "form_version": self.form_version,
            "today": self.today,
            "blocking": self.blocking,
            "problems": [p.as_dict() for p in self.problems],
            "results": [r.as_dict() for r in self.results],
            "derived": self.derived,
            "children": self.children,
        }


def _value(expression: Any, data: dict[str, Any]) -> Any:
    try:
        return evaluate(expression, data)
    except ExpressionError:
        return None


def _rule_fields(rule: dict[str, Any], child: int | None) -> tuple[str, ...]:
    """Field paths of a rule: child-relative names ("birth_date") become children.N.birth_date."""
    if child is None:
        return tuple(rule["fields"])
    return tuple(
        name if "." in name or name == "children" else f"children.{child}.{name}"
        for name in rule["fields"]
    )


def _judge(rule: dict[str, Any], data: dict[str, Any], child: int | None) -> RuleResult:
    fields = _rule_fields(rule, child)
    try:
        if "applies" in rule and not truthy(evaluate(rule["applies"], data)):
            outcome = NOT_APPLICABLE
        else:
            outcome = PASS if truthy(evaluate(rule["test"], data)) else FAIL
    except ExpressionError:
        outcome = BROKEN
    return RuleResult(rule["code"], rule["severity"], outcome, child, fields)


def evaluate_answers(
    form: FormDefinition, answers: Any, *, today: str, complete: bool = False
) -> Evaluation:
    """Validate ``answers`` and evaluate every rule and derived value of ``form`` over them."""
    result = Evaluation(form_version=form.version, today=today)
    result.problems = validate_answers(form, answers, today=today, complete=complete)
    view = relevant_view(form, answers, today=today)
    children = view.get("children") if isinstance(view.get("children"), list) else []
    children = [child if isinstance(child, dict) else {} for child in children]
    result.children = [{} for _child in children]

    def contexts(scope: str) -> Iterator[tuple[int | None, dict[str, Any]]]:
        """The data each expression of ``scope`` is evaluated over: once, or once per child."""
        shared = {"derived": result.derived, "children_derived": result.children}
        if scope == "coe":
            yield None, context(view, today, **shared)
            return
        for index, child in enumerate(children):
            yield (
                index,
                context(
                    view,
                    today,
                    child=child,
                    index=index,
                    child_derived=result.children[index],
                    **shared,
                ),
            )

    for derived in form.derived:
        for index, data in contexts(derived["scope"]):
            target = result.derived if index is None else result.children[index]
            target[derived["key"]] = _value(derived["value"], data)
    for rule in form.rules:
        for index, data in contexts(rule["scope"]):
            result.results.append(_judge(rule, data, index))
    return result
