"""Loading form definitions from forms/: validate against forms/schema.json, merge a state's
supplement, and expose fields, code lists, rules and derived values.

A merged definition is identified by its version "<national>.<state>" (e.g. "1.1": the national
COE v1 with California's supplement v1); "1.0" is the national form alone.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from campo.lib.canonical import content_hash

FORMS_DIR = Path(__file__).resolve().parents[3] / "forms"


class DefinitionError(Exception):
    """A file under forms/ breaks the schema or the merge rules."""


class UnknownFormVersion(LookupError):  # noqa: N818 - reads as the condition it names
    """No published definition has this form id and version."""


@dataclass(frozen=True)
class Field:
    section: str
    key: str
    type: str
    spec: dict[str, Any]

    @property
    def path(self) -> str:
        return f"{self.section}.{self.key}"

    @property
    def required(self) -> Any:
        return self.spec.get("required", False)

    @property
    def relevant(self) -> Any:
        return self.spec.get("relevant", True)


@dataclass(frozen=True)
class Section:
    key: str
    repeat: tuple[int, int] | None
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class FormDefinition:
    """A merged, validated definition, ready to validate answers and evaluate rules."""

    form_id: str
    version: str
    document: dict[str, Any]
    sections: tuple[Section, ...]
    codes: dict[str, tuple[str, ...]]
    rules: tuple[dict[str, Any], ...]
    derived: tuple[dict[str, Any], ...]
    content_hash: str = field(compare=False)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def fields(self) -> Iterator[Field]:
        for section in self.sections:
            yield from section.fields


def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((FORMS_DIR / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def read_file(path: Path) -> dict[str, Any]:
    """Parse one YAML file under forms/ and check it against forms/schema.json."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = sorted(_schema_validator().iter_errors(document), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise DefinitionError(f"{path.name}: {where}: {errors[0].message}")
    return document


def national_files(form_id: str) -> dict[int, Path]:
    return {
        int(path.stem[1:]): path
        for path in sorted((FORMS_DIR / form_id).glob("v*.yaml"))
        if path.stem[1:].isdigit()
    }


def state_files(form_id: str, state: str) -> dict[int, Path]:
    versions = {}
    for path in sorted((FORMS_DIR / form_id / "states").glob(f"{state.lower()}*.yaml")):
        versions[int(read_file(path)["version"])] = path
    return versions


def merge(national: dict[str, Any], supplement: dict[str, Any] | None) -> dict[str, Any]:
    """The national definition with a state's additions; nothing national is changed."""
    merged = copy.deepcopy(national)
    state_version = 0
    if supplement is not None:
        state_version = supplement["version"]
        if national["version"] not in supplement["extends"]["versions"]:
            raise DefinitionError(
                f"the {supplement['state']} supplement v{state_version} does not extend "
                f"national v{national['version']}"
            )
        state = supplement["state"]
        for name, codes in supplement.get("code_lists", {}).items():
            if name in merged["code_lists"]:
                raise DefinitionError(f"{state} may not redefine the code list {name!r}")
            merged["code_lists"][name] = codes
        sections = {section["key"]: section for section in merged["sections"]}
        for extra in supplement.get("fields", []):
            target = sections.get(extra["section"])
            if target is None:
                raise DefinitionError(f"{state} adds to an unknown section {extra['section']!r}")
            if any(f["key"] == extra["key"] for f in target["fields"]):
                raise DefinitionError(f"{state} may not redefine {extra['section']}.{extra['key']}")
            field_spec = {k: v for k, v in extra.items() if k != "section"}
            target["fields"].append({**field_spec, "state": state})
        for section in supplement.get("sections", []):
            if section["key"] in sections:
                raise DefinitionError(f"{state} may not redefine the section {section['key']!r}")
            merged["sections"].append({**section, "state": state})
        national_codes = {rule["code"] for rule in merged["rules"]}
        for rule in supplement.get("rules", []):
            if not rule["code"].startswith(f"{state}.") or rule["code"] in national_codes:
                raise DefinitionError(f"{state} rule codes start with '{state}.': {rule['code']}")
            merged["rules"].append(rule)
        derived_keys = {d["key"] for d in merged["derived"]}
        for derived in supplement.get("derived", []):
            if derived["key"] in derived_keys:
                raise DefinitionError(f"{state} may not redefine the derived {derived['key']!r}")
            merged["derived"].append(derived)
        merged["state"] = {"code": state, "version": state_version, "title": supplement["title"]}
    merged["version"] = f"{national['version']}.{state_version}"
    return merged


def _check_references(document: dict[str, Any]) -> None:
    lists = document["code_lists"]
    for section in document["sections"]:
        for spec in section["fields"]:
            if spec["type"] == "choice" and spec["codes"] not in lists:
                raise DefinitionError(f"{section['key']}.{spec['key']}: no list {spec['codes']}")
            default = spec.get("default")
            if (
                spec["type"] == "choice"
                and default is not None
                and default not in [c["code"] for c in lists[spec["codes"]]]
            ):
                raise DefinitionError(f"{section['key']}.{spec['key']}: default not in its list")


def build(document: dict[str, Any]) -> FormDefinition:
    """Index a merged document for validation and evaluation."""
    _check_references(document)
    sections = tuple(
        Section(
            key=section["key"],
            repeat=(section["repeat"]["min"], section["repeat"]["max"])
            if "repeat" in section
            else None,
            fields=tuple(
                Field(section["key"], spec["key"], spec["type"], spec) for spec in section["fields"]
            ),
        )
        for section in document["sections"]
    )
    return FormDefinition(
        form_id=document["form_id"],
        version=document["version"],
        document=document,
        sections=sections,
        codes={
            name: tuple(c["code"] for c in codes) for name, codes in document["code_lists"].items()
        },
        rules=tuple(document["rules"]),
        derived=tuple(document["derived"]),
        content_hash=content_hash(document),
    )


@cache
def load_definition(form_id: str, version: str, state: str | None) -> FormDefinition:
    """The published definition ``version`` ("1.1") for ``state``; raise UnknownFormVersion."""
    national_version, _, state_version = version.partition(".")
    if not national_version.isdigit() or not state_version.isdigit():
        raise UnknownFormVersion(version)
    national_path = national_files(form_id).get(int(national_version))
    if national_path is None:
        raise UnknownFormVersion(version)
    supplement = None
    if int(state_version):
        state_path = state_files(form_id, state).get(int(state_version)) if state else None
        if state_path is None:
            raise UnknownFormVersion(version)
        supplement = read_file(state_path)
    return build(merge(read_file(national_path), supplement))


def published_versions(form_id: str, state: str | None) -> list[str]:
    """Every version a tablet may still hold, oldest first."""
    versions = []
    supplements = state_files(form_id, state) if state else {}
    for national_version in national_files(form_id):
        extending = [
            v
            for v, p in supplements.items()
            if national_version in read_file(p)["extends"]["versions"]
        ]
        if extending:
            versions.extend(f"{national_version}.{v}" for v in sorted(extending))
        else:
            versions.append(f"{national_version}.0")
    if not versions:
        raise UnknownFormVersion(form_id)
    return versions


def current_version(form_id: str, state: str | None) -> str:
    """The version new COEs are captured with."""
    return published_versions(form_id, state)[-1]
