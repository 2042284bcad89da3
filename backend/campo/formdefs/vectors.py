"""Conformance vectors (forms/<form>/vectors/*.json): answers in, rule results and derived out.

A vector file lists cases; each starts from the answers of base.json (or the file's own "base"),
changes them with "set" (dotted paths; a number indexes a list; a value of null clears), and
states what the evaluation must give. The PWA's test suite applies the same files the same way.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campo.formdefs.definitions import FORMS_DIR


@dataclass(frozen=True)
class Case:
    file: str
    name: str
    version: str
    state: str | None
    today: str
    answers: dict[str, Any]
    complete: bool
    expect: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.file}: {self.name}"


def set_path(document: Any, path: str, value: Any) -> None:
    """Set ``value`` at a dotted path, creating objects (and appending list items) on the way."""
    parts = path.split(".")
    target = document
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        if isinstance(target, list):
            index = int(part)
            while len(target) <= index:
                target.append({})
            if last:
                target[index] = copy.deepcopy(value)
            else:
                target = target[index]
        else:
            if last:
                target[part] = copy.deepcopy(value)
            else:
                target = target.setdefault(part, {})


def load_cases(form_id: str = "coe") -> Iterator[Case]:
    folder = FORMS_DIR / form_id / "vectors"
    base = json.loads((folder / "base.json").read_text(encoding="utf-8"))
    for path in sorted(folder.glob("*.json")):
        if path.name == "base.json":
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        file_base = document.get("base", base)
        for case in document["cases"]:
            answers = copy.deepcopy(case.get("answers", file_base["answers"]))
            for dotted, value in case.get("set", {}).items():
                set_path(answers, dotted, value)
            yield Case(
                file=Path(path).name,
                name=case["name"],
                version=case.get("version", file_base.get("version", base["version"])),
                state=case.get("state", file_base.get("state", base["state"])),
                today=case.get("today", file_base.get("today", base["today"])),
                answers=answers,
                complete=case.get("complete", True),
                expect=case["expect"],
            )
