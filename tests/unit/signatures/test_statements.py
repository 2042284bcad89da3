"""The attestation statements and the signature policy."""

from __future__ import annotations

import yaml

from campo.lib.canonical import content_hash
from campo.signatures.statements import SIGNATURES_DIR, policy, statement, statement_for

# Published statements never change: new wording is a new version file. Add a line here only
# when adding a file, never to make an edited file pass.
PUBLISHED = {
    "interviewee.v1.yaml": "e87478a08299dda187da9eecc0ba6d0db22effa971505b4840d08120ee593b4d",
    "recruiter.v1.yaml": "799c01c472db751fd3f19a268b050377f491d53e337d7acf6a99bc236697b0a2",
    "reviewer.v1.yaml": "3d6c73af92133dff751f535fdf3264c17c68c562f4484b33f6e21bfad3e61d75",
}


def test_published_statements_are_immutable_and_all_listed():
    folder = SIGNATURES_DIR / "statements"
    assert {path.name for path in folder.glob("*.yaml")} == set(PUBLISHED)
    for name, expected in PUBLISHED.items():
        document = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        assert content_hash(document) == expected, f"{name} changed: publish a new version"


def test_every_signer_of_the_policy_has_a_bilingual_statement():
    roles = [step["role"] for step in policy()["order"]]
    assert roles == ["interviewee", "recruiter", "reviewer"]
    for role in roles:
        current = statement_for(role)
        assert current["role"] == role
        for language in ("en", "es"):
            assert len(current["text"][language]) > 100
            assert current["title"][language]


def test_the_interviewee_statement_covers_truth_consent_ferpa_and_immigration():
    text = statement("interviewee", 1)["text"]
    assert "true" in text["en"]
    assert "FERPA" in text["en"]
    assert "immigration" in text["en"]
    assert "verdadera" in text["es"]
    assert "FERPA" in text["es"]
    assert "inmigración" in text["es"]
