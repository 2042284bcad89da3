"""`campo import children` and `campo match evaluate` on a fresh embedded database."""

from __future__ import annotations

import csv

import sqlalchemy as sa
from click.testing import CliRunner

from campo.cli import cli
from campo.db import create_engine

HEADER = (
    "id,first_name,middle_name,last_name_1,last_name_2,sex,birth_date,birth_city,birth_state,"
    "birth_country,parent1_first,parent1_last,parent2_first,parent2_last,extra\n"
)
STORE = HEADER + (
    "s1,María José,,Núñez,Peña,F,2017-03-10,Zamora,Michoacán,MEX,Ignacio,Núñez,Guadalupe,Peña,x\n"
    "s2,Jesús,,Núñez,Peña,M,2012-07-31,Zamora,Michoacán,MEX,Ignacio,Núñez,Guadalupe,Peña,x\n"
    "s3,Mai,,Vang,,F,2015-05-05,Fresno,CA,USA,Tou,Vang,Yer,Xiong,x\n"
    "s4,Maria Jose,,Nunez,Pena,F,2017-03-10,,,,Ignacio,Nunez,,,x\n"
    "s5,Arjun,,Singh,,M,2014-01-02,Yuba City,CA,USA,Gurpreet,Singh,Harjit,Kaur,x\n"
    "s6,Ana,,López,,F,not-a-date,,,,,,,,x\n"
)
QUERIES = (
    "first_name,middle_name,last_name_1,last_name_2,sex,birth_date,birth_city,birth_state,"
    "birth_country,parent1_first,parent1_last,parent2_first,parent2_last\n"
    "Chuy,,Peña,Núñez,M,2012-07-31,,,,Ignacio,Núñez,,\n"
    "Mai,,Vang,,F,2015-05-05,,,,,,,\n"
    "Pedro,,Ramírez,,M,2010-10-10,,,,,,,\n"
)


def invoke(args, tmp_path):
    env = {"CAMPO_INSTANCE_DIR": str(tmp_path / "instance"), "DATABASE_URL": ""}
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)


def test_import_links_duplicates_in_the_file_and_reports_refusals(tmp_path):
    source = tmp_path / "legacy.csv"
    source.write_text(STORE, encoding="utf-8")
    assert invoke(["db", "upgrade"], tmp_path).exit_code == 0
    assert invoke(["demo"], tmp_path).exit_code == 0
    report = tmp_path / "report.csv"
    result = invoke(
        ["import", "children", str(source), "--region", "16", "--report", str(report)], tmp_path
    )
    assert result.exit_code == 0, result.output
    assert "6 rows" in result.output
    assert "4 new children" in result.output
    assert "1 linked to an earlier row" in result.output
    assert "1 refused" in result.output
    with report.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    outcomes = {row["line"]: row["outcome"] for row in rows}
    assert outcomes == {"5": "linked_file", "7": "refused"}

    again = invoke(["import", "children", str(source), "--region", "16"], tmp_path)
    assert "0 new children" in again.output
    assert "5 linked to known children" in again.output

    engine = create_engine(f"sqlite:///{tmp_path / 'instance' / 'campo.sqlite3'}")
    with engine.connect() as connection:
        imported = connection.execute(
            sa.text("SELECT count(*) FROM children WHERE birth_date_verification = '9999'")
        ).scalar()
        mai = connection.execute(
            sa.text("SELECT parent_name_key FROM children WHERE first_name = 'Mai'")
        ).scalar()
    engine.dispose()
    assert imported == 4
    assert mai == "tou vang yer xiong"  # the locator finds an imported child by its parents


def test_match_evaluate_writes_ranked_candidates_by_store_id(tmp_path):
    store, queries, out = tmp_path / "store.csv", tmp_path / "queries.csv", tmp_path / "out.csv"
    store.write_text(STORE, encoding="utf-8")
    queries.write_text(QUERIES, encoding="utf-8")
    result = invoke(
        [
            "match",
            "evaluate",
            "--store",
            str(store),
            "--queries",
            str(queries),
            "--out",
            str(out),
            "--top",
            "3",
        ],
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    assert "Loaded 4 children" in result.output
    assert "3 queries: p50" in result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert set(rows[0]) == {"query_index", "rank", "candidate_id", "score", "band"}
    first = [r for r in rows if r["query_index"] == "0"]
    assert first[0]["candidate_id"] == "s2"
    assert first[0]["band"] == "likely"
    second = [r for r in rows if r["query_index"] == "1"]
    assert second[0]["candidate_id"] == "s3"
    assert all(int(r["rank"]) <= 3 for r in rows)
    refused = invoke(
        ["match", "evaluate", "--store", str(store), "--queries", str(queries), "--out", str(out)],
        tmp_path,
    )
    assert refused.exit_code != 0
