"""The form definitions under forms/: valid, complete in both languages, immutable, private."""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from campo.formdefs.definitions import (
    FORMS_DIR,
    DefinitionError,
    UnknownFormVersion,
    build,
    load_definition,
    merge,
    published_versions,
    read_file,
)
from campo.lib.canonical import content_hash

ALL_FILES = sorted(FORMS_DIR.rglob("*.yaml"))

# Published files never change: a change is a new version. Update this table only when adding
# a new file, never to make an edited file pass.
PUBLISHED = {
    "coe/v1.yaml": "8294e466eab5cc6480999ef351c9546d501bef048a2092ecb269065864846fc8",
    "coe/states/ca.yaml": "d8dd7d1a27031c22eead90e7a6a94de371ea692af99d418241f5bd481298375f",
}


def test_every_file_satisfies_the_schema():
    assert ALL_FILES
    for path in ALL_FILES:
        read_file(path)  # raises DefinitionError with the place of the first problem


def test_published_files_are_immutable():
    for name, expected in PUBLISHED.items():
        document = yaml.safe_load((FORMS_DIR / name).read_text(encoding="utf-8"))
        assert content_hash(document) == expected, f"{name} changed: publish a new version"


def test_every_file_is_listed_as_published():
    listed = {str(path.relative_to(FORMS_DIR)) for path in ALL_FILES}
    assert listed == set(PUBLISHED)


BANNED = re.compile(
    r"citizen|ciudadan|immigra|inmigra|migratory status|legal status|estatus migratorio|"
    r"\bssn\b|social security|seguro social|green card|visa\b|alien|undocumented|indocumentad",
    re.IGNORECASE,
)


def _texts(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key}", str(key)
            yield from _texts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}.{index}")
    elif isinstance(value, str):
        yield path, value


def test_no_field_asks_about_citizenship_immigration_or_social_security():
    form = load_definition("coe", "1.1", "CA")
    for field in form.fields():
        for where, text in _texts(field.spec):
            assert not BANNED.search(text), f"{field.path}{where}: {text!r}"
    for name, codes in form.document["code_lists"].items():
        for where, text in _texts(codes):
            assert not BANNED.search(text), f"code list {name}{where}: {text!r}"


def test_no_database_column_holds_citizenship_immigration_or_social_security():
    from campo.models import Base

    for table in Base.metadata.tables.values():
        for column in table.columns:
            assert not BANNED.search(column.name), f"{table.name}.{column.name}"


def test_every_label_help_and_message_is_in_english_and_spanish():
    form = load_definition("coe", "1.1", "CA")
    for where, text in _texts(form.document):
        if where.endswith((".en", ".es")):
            assert text.strip(), where
    for rule in form.rules:
        assert rule["message"]["en"], rule["code"]
        assert rule["message"]["es"], rule["code"]
        assert rule["source"], rule["code"]


def test_rule_codes_are_unique_and_name_their_fields():
    form = load_definition("coe", "1.1", "CA")
    codes = [rule["code"] for rule in form.rules]
    assert len(codes) == len(set(codes))
    paths = {field.path for field in form.fields()} | {"children"}
    child_keys = {field.key for field in form.section("children").fields}
    for rule in form.rules:
        for name in rule["fields"]:
            if "." in name or name == "children":
                assert name in paths, (rule["code"], name)
            else:
                assert rule["scope"] == "child", (rule["code"], name)
                assert name in child_keys, (rule["code"], name)


def test_field_keys_are_unique_within_each_section():
    form = load_definition("coe", "1.1", "CA")
    for section in form.sections:
        keys = [field.key for field in section.fields]
        assert len(keys) == len(set(keys)), section.key


def test_the_california_supplement_only_adds():
    national = read_file(FORMS_DIR / "coe" / "v1.yaml")
    merged = load_definition("coe", "1.1", "CA").document
    national_fields = {(s["key"], f["key"]) for s in national["sections"] for f in s["fields"]}
    merged_fields = {(s["key"], f["key"]): f for s in merged["sections"] for f in s["fields"]}
    assert national_fields <= set(merged_fields)
    added = {key for key in merged_fields if key not in national_fields}
    assert ("family", "home_language") in added
    assert ("children", "grade") in added
    assert all(merged_fields[key]["state"] == "CA" for key in added)
    national_only = load_definition("coe", "1.0", None).document
    assert [s["key"] for s in national_only["sections"]] == [s["key"] for s in national["sections"]]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["fields"].append({**s["fields"][0], "key": "parent1_last_name"}), "redefine"),
        (lambda s: s["code_lists"].update(sex=s["code_lists"]["grade"]), "redefine"),
        (lambda s: s["rules"].append({**s["rules"][0], "code": "R1.under_22_on_qad"}), "start"),
        (lambda s: s["fields"].append({**s["fields"][0], "section": "nowhere"}), "unknown"),
        (lambda s: s["extends"].update(versions=[2]), "does not extend"),
    ],
    ids=["field", "code-list", "rule-code", "section", "version"],
)
def test_a_supplement_cannot_change_the_national_form(change, message):
    national = read_file(FORMS_DIR / "coe" / "v1.yaml")
    supplement = copy.deepcopy(read_file(FORMS_DIR / "coe" / "states" / "ca.yaml"))
    change(supplement)
    with pytest.raises(DefinitionError, match=message):
        build(merge(national, supplement))


def test_versions():
    assert published_versions("coe", "CA") == ["1.1"]
    assert published_versions("coe", "TX") == ["1.0"]
    for version in ("2.1", "1.9", "one", "1"):
        with pytest.raises(UnknownFormVersion):
            load_definition("coe", version, "CA")
