"""``campo msix``: write the state's MDE file, read another state's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from campo.errors import CampoError
from campo.msix import services
from campo.msix.export import export_changes, since_start_of
from campo.web import database


@click.group("msix")
def msix_group() -> None:
    """Exchange records with MSIX (docs/MSIX.md)."""


def _fail(error: CampoError) -> click.ClickException:
    lines = [error.error.message]
    for problem in error.problems[:50]:
        where = f"line {problem['line']}" if problem.get("line") else ""
        who = f" ({problem['statewide_number']})" if problem.get("statewide_number") else ""
        lines.append(f"  {where}{who} {problem['path']}: {problem['code']}")
    return click.ClickException("\n".join(lines))


@msix_group.command("export")
@click.option(
    "--since",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Children added or changed from this day (00:00 UTC) on.",
)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def export_command(since: date, out: Path) -> None:
    """Write the MDE file of children added or changed since --since to --out (validated)."""
    from campo.cli import _system_actor

    try:
        with database().transaction() as session:
            export = export_changes(
                session,
                actor=_system_actor(session),
                since=since_start_of(since),
                state_code=current_app.config["STATE_CODE"],
            )
    except CampoError as error:
        raise _fail(error) from None
    out.write_text(export.text, encoding="utf-8", newline="")
    click.echo(
        f"Wrote {out}: {export.students} students, {export.records} records"
        f" ({export.skipped} changed children without an approved COE left out)."
    )


@msix_group.command("import")
@click.argument("msix_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_command(msix_file: Path) -> None:
    """Import another state's MDE file: every line, or none when any line is wrong."""
    from campo.cli import _system_actor

    text = msix_file.read_text(encoding="utf-8-sig")
    try:
        with database().transaction() as session:
            outcome = services.import_file(session, actor=_system_actor(session), text=text)
            summary = (
                f"{outcome.batch.records} records of {outcome.batch.students} students from "
                f"{outcome.batch.submitting_state}, {outcome.matched_records} matched to "
                "children of this state."
            )
    except CampoError as error:
        raise _fail(error) from None
    click.echo(("Imported " if outcome.created else "Already imported: ") + summary)
