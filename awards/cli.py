"""Flask commands: each calls services, then commits once."""

import json
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from awards.accounts.services import find_user_by_email
from awards.archive.importing import AlreadyImported, import_program
from awards.archive.schema import ArchiveError, parse_archive
from awards.archive.writing import archive_json, program_archive
from awards.ceremony.booklet import LAYOUTS as BOOKLET_LAYOUTS
from awards.ceremony.booklet import booklet_pdf
from awards.ceremony.pack import ceremony_pack
from awards.certificates import bundles, issuing, registry
from awards.certificates.models import KINDS
from awards.certificates.settings import settings_of, theme_names
from awards.errors import DomainError
from awards.extensions import db
from awards.housekeeping import collect_expired_files
from awards.jobs.queue import job_queue, run_worker
from awards.judging import ballots
from awards.judging.models import RoundKind
from awards.judging.rounds import round_results
from awards.operations.backup import BackupError, take_backup
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_ACCOUNTS, DEMO_SLUG
from awards.operations.large_demo import LARGE_DEMO_SLUG, large_demo_logins, load_large_demo
from awards.operations.restore import restore_backup
from awards.printing.errors import PrintingError
from awards.programs.models import Program
from awards.programs.permissions import can_manage_program
from awards.programs.services import first_organizer, get_program_by_slug
from awards.protocols import services as protocols
from awards.results.aggregation import Method
from awards.results.exports import results_document


def register(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(scores_group)
    app.cli.add_command(program_group)
    app.cli.add_command(results_command)
    app.cli.add_command(certificates_group)
    app.cli.add_command(ceremony_group)
    app.cli.add_command(program_pdf_command)
    app.cli.add_command(protocol_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(jobs_group)
    app.cli.add_command(files_group)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only when the database has no programs.")
@click.option(
    "--scale", type=click.Choice(["small", "large"]), default="small", show_default=True,
    help="large: a national program of 2,000 nominations, 100 judges and 30,000 scorecards.",
)  # fmt: skip
def demo_command(if_empty: bool, scale: str) -> None:
    """Load the 2025 East Kazakhstan "Year of Working Professions" demo program."""
    if scale == "large":
        _large_demo(if_empty)
        return
    password = current_app.config["DEMO_PASSWORD"]
    if if_empty and db.session.scalar(select(func.count()).select_from(Program)):
        click.echo("The database already has programs; the demo data was not loaded again.")
    else:
        load_demo(password=password)
        db.session.commit()
        click.echo(f"Loaded the demo program '{DEMO_SLUG}'.")
    if db.session.scalar(select(Program).where(Program.slug == DEMO_SLUG)):
        click.echo(f"Demo logins (password: {password}):")
        for email, role in DEMO_ACCOUNTS:
            click.echo(f"  {email:<20} {role}")


def _large_demo(if_empty: bool) -> None:
    """The national program to measure pages against; judging is open on the day it loads."""
    password = current_app.config["DEMO_PASSWORD"]
    if if_empty and db.session.scalar(select(func.count()).select_from(Program)):
        click.echo("The database already has programs; the demo data was not loaded again.")
        return
    started = time.perf_counter()
    load_large_demo(password=password)
    db.session.commit()
    seconds = time.perf_counter() - started
    click.echo(f"Loaded the large demo program '{LARGE_DEMO_SLUG}' in {seconds:.1f} s.")
    click.echo(f"Demo logins (password: {password}):")
    for line in large_demo_logins():
        click.echo(line)


@click.group("scores")
def scores_group() -> None:
    """Scorecards from outside the web interface."""


@scores_group.command("import")
@click.argument("program_slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--actor", "actor_email", help="Organizer recorded as importing.")
@click.option("--override-reason", default="", help="Accept ballots outside the judging window.")
@click.option("--dry-run", is_flag=True, help="Check the rows and save nothing.")
def import_scores(program_slug, file, actor_email, override_reason, dry_run) -> None:
    """Import paper ballots (CSV or XLSX: judge_email, category, nominee, criterion, points)."""
    program = get_program_by_slug(program_slug)
    if program is None:
        raise click.ClickException(f"No program with the short name {program_slug!r}.")
    actor = find_user_by_email(actor_email) if actor_email else first_organizer(program)
    if actor is None or not can_manage_program(actor, program):
        raise click.ClickException("Unknown program, or the actor does not organize it.")
    with open(file, "rb") as handle:
        content = handle.read()
    try:
        if dry_run:
            check = ballots.check_ballots(program, content, override_reason=override_reason)
        else:
            check = ballots.import_ballots(
                program=program, content=content, actor=actor, override_reason=override_reason
            )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    for row in check.invalid:
        click.echo(f"line {row.line}: {row.error}", err=True)
    if not dry_run:
        db.session.commit()
    verb = "would be saved" if dry_run else "saved"
    click.echo(f"{len(check.valid)} rows {verb}, {len(check.invalid)} refused.")


def _program_or_fail(slug: str) -> Program:
    program = get_program_by_slug(slug)
    if program is None:
        raise click.ClickException(f"No program with the short name {slug!r}.")
    return program


@click.group("program")
def program_group() -> None:
    """A whole program as one JSON archive, to move it to another installation."""


@program_group.command("export")
@click.argument("program_slug")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def export_program(program_slug, file) -> None:
    """Write the program, its people, nominations, scorecards and laureates to FILE."""
    document = program_archive(_program_or_fail(program_slug))
    Path(file).write_text(archive_json(document), encoding="utf-8")
    click.echo(
        f"Exported '{program_slug}': {len(document['nominations'])} nominations, "
        f"{len(document['scorecards'])} scorecards, {len(document['users'])} people."
    )


def _refusal(error: ArchiveError) -> str:
    """One problem on the error's line; several listed below a heading, one per line."""
    if len(error.problems) == 1:
        return error.message
    heading = _("Nothing was imported; the archive has these problems:")
    return "\n  ".join([heading, *error.problems])


@program_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--slug", help="Import under this short name instead of the archived one.")
def import_program_command(file, slug) -> None:
    """Create a new program from an archive FILE; importing it again changes nothing."""
    try:
        document = parse_archive(Path(file).read_bytes())
        imported = import_program(document=document, actor=None, slug=slug)
    except AlreadyImported as notice:
        db.session.rollback()
        click.echo(notice.message)
        return
    except ArchiveError as error:
        db.session.rollback()
        raise click.ClickException(_refusal(error)) from error
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(
        f"Imported '{imported.program.slug}': {len(document['nominations'])} nominations, "
        f"{len(document['scorecards'])} scorecards."
    )
    if imported.new_people:
        click.echo(
            f"{len(imported.new_people)} new accounts have no password yet; invite them again "
            "from the program's people page: " + ", ".join(imported.new_people)
        )


@click.command("results")
@click.argument("program_slug")
@click.option("--json", "as_json", is_flag=True, help="Print the ranking as JSON.")
@click.option(
    "--method", type=click.Choice([m.value for m in Method]),
    help="How scorecards become scores (default: the program's setting).",
)  # fmt: skip
@click.option(
    "--round", "round_name",
    help="A qualifying round's short name: its tally and who advanced, per category "
    "(default: the scored round's ranking).",
)  # fmt: skip
def results_command(program_slug, as_json, method, round_name) -> None:
    """The live ranking of every category, laureates marked."""
    program = _program_or_fail(program_slug)
    if round_name and round_name != RoundKind.SCORED:
        _echo_round(program, round_name, as_json)
        return
    document = results_document(program, method)
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for category in document["categories"]:
        w = category["kendall_w"]
        close = ", too close to call" if category["too_close"] else ""
        click.echo(f"{category['slug']} ({document['method']}, Kendall's W: {w}{close})")
        for row in category["nominations"]:
            rank = "-" if row["rank"] is None else f"{row['rank']}{'=' if row['tie'] else ''}"
            score = "-" if row["score"] is None else f"{row['score']:.2f}"
            mark = "  laureate" if row["laureate"] else ""
            click.echo(f"  {rank:>4} {score:>7}  {row['nominee']} ({row['scorecards']}){mark}")


def _echo_round(program, name: str, as_json: bool) -> None:
    categories = round_results(program, name)
    if not categories:
        raise click.ClickException(f"No category of '{program.slug}' has a round named '{name}'.")
    if as_json:
        document = {"program": program.slug, "round": name, "categories": categories}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for category in categories:
        state = f"decided, sha256 {category['sha256']}" if category["decided"] else "not decided"
        click.echo(f"{category['slug']} (round {name}, more than {category['majority']}; {state})")
        for row in category["entries"]:
            advanced = {True: "advanced", False: "not advanced", None: row["result"]}
            tie = f" (tie: {row['tie_reason']})" if row["tie_reason"] else ""
            click.echo(
                f"  {row['advance']:>3} for {row['reject']:>3} against {row['abstain']:>3} abstain"
                f" {row['not_voted']:>3} not voted  {row['nominee']}: "
                f"{advanced[row['advanced']]}{tie}"
            )


@click.group("certificates")
def certificates_group() -> None:
    """Issued certificates: issue them and write the PDFs."""


@certificates_group.command("issue")
@click.argument("program_slug")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder.")
@click.option("--kind", type=click.Choice(KINDS), default="laureate", show_default=True)
@click.option(
    "--theme", type=click.Choice(theme_names()),
    help="Design (default: the one chosen in the program's certificate settings).",
)  # fmt: skip
@click.option("--print-shop", is_flag=True, help="Also write a PDF with bleed and crop marks.")
def issue_certificates_command(program_slug, out, kind, theme, print_shop) -> None:
    """Issue certificates of KIND to everyone still without one, then write the combined PDF
    and one PDF per recipient of every valid certificate of that kind to OUT."""
    program = _program_or_fail(program_slug)
    try:
        issued = issuing.issue_certificates(
            program=program, actor=None, kind=kind, theme=theme or settings_of(program).theme
        )
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    valid = [c for c in registry.program_certificates(program, kind) if c.is_valid]
    if not valid:
        raise click.ClickException(f"No recipients of {kind} certificates: nothing to write.")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / bundles.bundle_name(program.slug, kind, "pdf")).write_bytes(
        bundles.combined_pdf(valid)
    )
    if print_shop:
        (folder / bundles.bundle_name(program.slug, kind, "pdf", for_print=True)).write_bytes(
            bundles.print_shop_pdf(valid)
        )
    for certificate in valid:
        (folder / bundles.file_name(certificate)).write_bytes(bundles.certificate_pdf(certificate))
    click.echo(f"{len(issued)} issued now; {len(valid)} valid certificates written to {folder}.")


@click.command("program-pdf")
@click.argument("program_slug")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="PDF file.")
@click.option("--theme", type=click.Choice(["classic", "modern"]), default="classic")
@click.option(
    "--layout", type=click.Choice(list(BOOKLET_LAYOUTS)), default="pages", show_default=True,
    help="print_shop: bleed and crop marks; sheets: two pages a side of A4, to fold.",
)  # fmt: skip
def program_pdf_command(program_slug, out, theme, layout) -> None:
    """Write the ceremony program booklet: cover, running order, categories in stage order with
    their nominees (and laureates, once published), partners."""
    program = _program_or_fail(program_slug)
    try:
        pdf = booklet_pdf(program, theme=theme, layout=layout)
    except (DomainError, PrintingError) as error:
        raise click.ClickException(getattr(error, "message", str(error))) from error
    Path(out).write_bytes(pdf)
    click.echo(f"Wrote the ceremony program of '{program.slug}' to {out}.")


@click.group("ceremony")
def ceremony_group() -> None:
    """The ceremony day's papers and files."""


@ceremony_group.command("pack")
@click.argument("program_slug")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write into (made if missing).",
)
@click.option("--theme", default="classic", show_default=True, help="The print design.")
@click.option(
    "--language",
    type=click.Choice(["kk", "ru", "en"]),
    default="ru",
    show_default=True,
    help="The guest list's language.",
)
def ceremony_pack_command(program_slug, out, theme, language) -> None:
    """Write the presenter's script, cue cards, envelopes, hand-out sheet, place cards and
    slides (PDF), the guest list (XLSX) and the ceremony's calendar file (.ics)."""
    program = _program_or_fail(program_slug)
    try:
        files = ceremony_pack(program, theme=theme, language=language)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    except PrintingError as error:
        raise click.ClickException(str(error)) from error
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_bytes(content)
        click.echo(f"  {name}")
    click.echo(f"Wrote {len(files)} files for the ceremony of '{program.slug}' to {out}.")


@click.command("protocol")
@click.argument("program_slug")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="PDF file.")
@click.option("--theme", type=click.Choice(theme_names()), default="classic", show_default=True)
def protocol_command(program_slug, out, theme) -> None:
    """Write the protocol of the jury's meeting: a new version when a decision changed since
    the current one, else the current version as it was produced."""
    program = _program_or_fail(program_slug)
    try:
        protocol, new = protocols.issue_protocol(program=program, actor=None, theme=theme)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    content = protocols.protocol_pdf(protocol)
    if content is None:
        raise click.ClickException(
            f"Version {protocol.version} came from an archive without its file."
        )
    Path(out).write_bytes(content)
    state = "new" if new else "unchanged, the current"
    click.echo(
        f"Wrote version {protocol.version} ({state}) of the protocol of '{program.slug}', "
        f"serial {protocol.serial}, SHA-256 {protocol.sha256}, to {out}."
    )


@click.command("backup")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def backup_command(folder: Path) -> None:
    """Copy the database, the uploaded files and a manifest of their SHA-256 into the new
    FOLDER; the app may keep running meanwhile."""
    try:
        manifest = take_backup(folder)
    except BackupError as error:
        raise click.ClickException(error.message) from error
    database = manifest["database"]
    click.echo(
        f"Backed up the {database['kind']} database (revision {database['alembic_revision']}) "
        f"and {len(manifest['files']) - 1} uploaded files to {folder}."
    )


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore_command(folder: Path) -> None:
    """Restore the backup in FOLDER into this installation, which must hold no data yet."""
    try:
        manifest = restore_backup(folder)
    except BackupError as error:
        raise click.ClickException(error.message) from error
    database = manifest["database"]
    click.echo(
        f"Restored the backup of {manifest['created_at']}: the {database['kind']} database "
        f"(revision {database['alembic_revision']}) and {len(manifest['files']) - 1} uploaded "
        "files."
    )
    click.echo("If this version is newer than the backup's, run `flask --app awards db upgrade`.")


@click.group("jobs")
def jobs_group() -> None:
    """Background jobs: the worker that runs them."""


@jobs_group.command("worker")
@click.option("--workers", type=click.IntRange(min=1), help="Jobs run at once [JOBS_WORKERS].")
def jobs_worker_command(workers: int | None) -> None:
    """Run queued jobs until stopped. SIGTERM lets running jobs finish first; Ctrl+C stops at
    once (the jobs cut short can be retried from their page)."""
    workers = workers or current_app.config["JOBS_WORKERS"]
    click.echo(f"Running jobs from {job_queue().location} with {workers} workers.")
    job_queue().every_day("collect_expired_files", collect_expired_files)
    run_worker(workers=workers)


@click.group("files")
def files_group() -> None:
    """Uploaded and generated files."""


@files_group.command("collect")
def files_collect_command() -> None:
    """Delete files past their retention period (AWARDS_FILE_RETENTION_DAYS): job results and
    the PDFs of revoked or superseded certificates. The job worker also does it daily."""
    counts = collect_expired_files()
    days = current_app.config["FILE_RETENTION_DAYS"]
    listed = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    click.echo(f"Deleted what was kept longer than {days} days: {listed}.")
