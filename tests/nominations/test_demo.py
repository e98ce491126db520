import io

from pypdf import PdfReader

from awards.nominations import documents, history
from awards.nominations.models import Nomination
from awards.operations.demo_artwork import demo_pdf
from awards.operations.demo_texts import DEMO_SLUG, SOCIAL_PARTNERS
from awards.programs.models import Program


def load(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return Program.query.filter_by(slug=DEMO_SLUG).one()


def test_demo_has_an_accepted_entry_for_every_laureate(app, outbox):
    program = load(app)
    query = Nomination.query.filter_by(program_id=program.id, is_practice=False)
    entries = query.order_by(Nomination.id).all()
    by_category = {c.slug: [e.org_name["ru"] for e in entries if e.category == c]
                   for c in program.categories}  # fmt: skip
    assert by_category == {
        "best-patron": ["ТОО «Казцинк»"],
        "best-social-partner": [name["ru"] for name in SOCIAL_PARTNERS],
    }
    assert {e.state for e in entries} == {"accepted"}
    assert {e.created_by.email for e in entries} == {"committee@demo.kz"}
    assert outbox() == []  # the demo notifies nobody
    # Besides them, the judges' practice entry of Best Social Partner (it never counts).
    (practice,) = Nomination.query.filter_by(program_id=program.id, is_practice=True).all()
    assert practice.category.slug == "best-social-partner"


def test_demo_entries_were_submitted_inside_the_window(app):
    program = load(app)
    for entry in Nomination.query.filter_by(program_id=program.id, is_practice=False):
        assert program.nominations_open_at <= entry.submitted_at < program.nominations_close_at
        assert entry.accepted_at > entry.submitted_at
        states = [e.to_state for e in history.history_lines(entry)]
        # Kazzinc's entry then has its organization confirmed, which keeps its state.
        assert states[:3] == ["draft", "submitted", "accepted"]
        assert set(states[3:]) <= {"accepted"}


def test_demo_attaches_a_readable_pdf_to_a_few(app):
    load(app)
    attached = [e for e in Nomination.query.order_by(Nomination.id) if e.documents]
    assert len(attached) == 3
    document = attached[0].documents[0]
    assert document.original_name == "Kazzinc LLP.pdf"
    reader = PdfReader(io.BytesIO(documents.document_path(document).read_bytes()), strict=True)
    assert "Kazzinc LLP" in reader.pages[0].extract_text()


def test_demo_pdf_escapes_parentheses():
    text = PdfReader(io.BytesIO(demo_pdf(["a (b) \\ c"])), strict=True).pages[0].extract_text()
    assert text == "a (b) \\ c"
