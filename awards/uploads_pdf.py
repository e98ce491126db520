"""Blind copies of PDFs: a new file built from the pages alone, with nothing that names its authors.

Blind judging hands judges this copy instead of the uploaded file. qpdf (through pikepdf) reads
the upload, repairing what it can; only the pages' drawing travels into a fresh document, then
every object that came along is scrubbed, JPEG pictures lose their own metadata segments, and
plain links are drawn again. Anything that cannot be rebuilt is refused, never passed through.
"""

import contextlib
import io
import re
import zlib
from base64 import a85decode
from decimal import Decimal

import pikepdf
from flask_babel import gettext as _
from pikepdf import Array, Dictionary, Name, Pdf, Stream, String

from awards.errors import DomainError
from awards.jpeg_metadata import JpegError, without_jpeg_metadata

MAX_PAGES = 500
# A JPEG hidden behind FlateDecode inflates to about its own size; more is a bomb, not a picture.
MAX_INFLATION = 8
MAX_INFLATED_BYTES = 64 * 1024 * 1024

PAGE_KEYS = frozenset(
    ("/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox",
     "/ArtBox", "/Rotate", "/Contents", "/UserUnit", "/Group")
)  # fmt: skip
STREAM_KEYS = frozenset(("/Length", "/Filter", "/DecodeParms", "/DL"))
XOBJECT_KEYS = {
    "/Image": STREAM_KEYS | {
        "/Type", "/Subtype", "/Width", "/Height", "/ColorSpace", "/BitsPerComponent",
        "/Intent", "/ImageMask", "/Mask", "/Decode", "/Interpolate", "/SMask",
        "/SMaskInData", "/Matte", "/OC",
    },
    "/Form": STREAM_KEYS | {
        "/Type", "/Subtype", "/FormType", "/BBox", "/Matrix", "/Resources", "/Group", "/OC",
    },
}  # fmt: skip
# Wherever they turn up (except as the names of resources): metadata, private application
# data, scripts, actions, attachments, thumbnails.
DROPPED_KEYS = frozenset(
    ("/Metadata", "/PieceInfo", "/LastModified", "/AA", "/OpenAction", "/JS", "/JavaScript",
     "/AF", "/EF", "/EmbeddedFiles", "/Thumb", "/OPI", "/SpiderInfo")
)  # fmt: skip
EXTERNAL_STREAM_KEYS = ("/F", "/FFilter", "/FDecodeParms")  # data kept in another file
FORBIDDEN_TYPES = frozenset(
    ("/Filespec", "/EmbeddedFile", "/Action", "/Annot", "/Metadata", "/Catalog", "/Outlines",
     "/Sig", "/Page", "/Pages")
)  # fmt: skip
ACTION_TYPES = frozenset(
    ("/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound", "/Movie",
     "/Hide", "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript",
     "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/RichMediaExecute")
)  # fmt: skip
# A dictionary with these is a script or a document information dictionary, wherever it hangs.
FORBIDDEN_KEYS = ("/JS", "/Author", "/Creator", "/Producer", "/Title", "/Subject", "/Keywords")
OBJECT, RESOURCES, NAMES = "object", "resources", "names"  # roles while scrubbing
RESOURCE_CATEGORIES = frozenset(
    ("/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/XObject", "/Font", "/ProcSet",
     "/Properties")
)  # fmt: skip
NAME_MAPS = ("/CharProcs", "/Colorants")  # keyed by glyph and colorant names, not PDF keys
LINK_SCHEMES = re.compile(r"(?i)(https?|mailto):")
VIEW_ITEMS = (Name, int, Decimal)  # how a destination shows its page: /XYZ left top zoom...


def _damaged() -> DomainError:
    return DomainError(
        _("This PDF is damaged; please export it again and upload it anew."), field="file"
    )


def check_pdf(content: bytes) -> None:
    """Refuse, at upload, a PDF whose blind copy could not be made later."""
    blind_copy(content)


def blind_copy(content: bytes) -> bytes:
    """The PDF a judge may see under blind judging: the pages as they print, and plain links.

    Raises a DomainError (on "file") for a PDF that is damaged beyond repair, locked with a
    password or too long; never returns the original bytes."""
    try:
        with _open(content) as source:
            clean = _rebuild(source)
            output = io.BytesIO()
            # Streams are copied as they are, never inflated, so the copy costs no more
            # memory than the upload; JPEG pictures were cleaned above with their own bound.
            clean.save(
                output,
                min_version=source.pdf_version,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
            )
    except DomainError:
        raise
    except (pikepdf.PikepdfError, RuntimeError, JpegError, zlib.error, ValueError, TypeError,
            KeyError, IndexError, AttributeError) as exc:  # fmt: skip
        # Whatever qpdf or our walk cannot make sense of is a damaged file to us.
        raise _damaged() from exc
    return output.getvalue()


def _open(content: bytes) -> Pdf:
    try:
        source = Pdf.open(io.BytesIO(content))
    except pikepdf.PasswordError as exc:
        raise DomainError(
            _("This PDF is locked with a password; please save it without one and upload it anew."),
            field="file",
        ) from exc
    if len(source.pages) > MAX_PAGES:
        source.close()
        raise DomainError(
            _("A PDF may have at most %(n)d pages; please split it or shorten it.", n=MAX_PAGES),
            field="file",
        )
    return source


def _rebuild(source: Pdf) -> Pdf:
    """A fresh document whose pages carry the source's drawing and nothing of its catalog."""
    numbers = {page.obj.objgen: index for index, page in enumerate(source.pages)}
    links = [_links(source, page, numbers) for page in source.pages]
    _flatten(source)
    clean = Pdf.new()
    for page in source.pages:
        for key in set(page.obj.keys()) - PAGE_KEYS:
            del page.obj[key]  # annotations, actions, metadata, thumbnails, beads...
        clean.pages.append(page)
    _scrub_all(clean)
    for page, page_links in zip(clean.pages, links, strict=True):
        if page_links:
            page.obj.Annots = Array([_link(clean, *link) for link in page_links])
    return clean


def _flatten(source: Pdf) -> None:
    """Form fields, stamps and drawn comments become part of the page, as on paper."""
    # A field whose drawing cannot be made is left out, like every other annotation.
    with contextlib.suppress(pikepdf.PikepdfError, RuntimeError):
        source.generate_appearance_streams()
    source.flatten_annotations("print")


def _scrub_all(clean: Pdf) -> None:
    """Walk everything the pages brought along, cleaning each object once per role."""
    own = {page.obj.objgen for page in clean.pages} | {clean.Root.Pages.objgen}
    seen = set()
    stack = [(page.obj, OBJECT) for page in clean.pages]
    while stack:
        obj, role = stack.pop()
        if obj.is_indirect:
            if (obj.objgen, role) in seen:
                continue
            seen.add((obj.objgen, role))
        stack.extend(_scrub(obj, role, own))


def _scrub(obj, role: str, own: set) -> list[tuple]:
    """Clean one object in place; returns the objects inside it, each with its role."""
    children = []
    if isinstance(obj, Array):
        for index, value in enumerate(obj):
            if _forbidden(value, own):
                obj[index] = None
            elif isinstance(value, (Dictionary, Array, Stream)):
                children.append((value, OBJECT))
        return children
    if isinstance(obj, Stream) and role == OBJECT:
        _clean_stream(obj)
    elif isinstance(obj, Stream):
        obj.write(b"")  # a stream where a dictionary of resources belongs: only a hiding place
    for key in list(obj.keys()):
        value, below = obj[key], _role_below(role, key)
        if _dropped(key, value, role, own):
            del obj[key]
        elif isinstance(value, (Dictionary, Array, Stream)):
            children.append((value, below))
    return children


def _dropped(key: str, value, role: str, own: set) -> bool:
    if role == RESOURCES:
        return key not in RESOURCE_CATEGORIES
    if role == NAMES:
        # The keys here are names the page chose, whatever they spell: only what they name
        # is judged, and no resource is a string.
        return isinstance(value, String) or _forbidden(value, own)
    return key in DROPPED_KEYS or _forbidden(value, own)


def _role_below(role: str, key: str) -> str:
    if role == RESOURCES and key != "/ProcSet":
        return NAMES
    if role == OBJECT and key in NAME_MAPS:
        return NAMES
    if role == OBJECT and key == "/Resources":
        return RESOURCES
    return OBJECT


def _forbidden(value, own: set) -> bool:
    """Files, actions, annotations, metadata, document information, or a page or catalog that
    is not the copy's own."""
    if not isinstance(value, (Dictionary, Stream)):
        return False
    if value.is_indirect and value.objgen in own:
        return False
    kind, subtype = value.get("/Type"), value.get("/S")
    return (
        str(kind) in FORBIDDEN_TYPES
        or (isinstance(subtype, Name) and str(subtype) in ACTION_TYPES)
        or any(key in value for key in FORBIDDEN_KEYS)
        or str(value.get("/Subtype")) == "/XML"
    )


def _clean_stream(stream: Stream) -> None:
    for key in EXTERNAL_STREAM_KEYS:
        if key in stream:
            del stream[key]
    subtype = str(stream.get("/Subtype"))
    if subtype == "/PS":
        stream.write(b"")  # PostScript fragments: no viewer draws them, anything could hide
    if subtype in XOBJECT_KEYS or subtype == "/PS":
        allowed = XOBJECT_KEYS.get(subtype, STREAM_KEYS | {"/Type", "/Subtype"})
        for key in set(stream.keys()) - allowed:
            del stream[key]
    if subtype == "/Image":
        _clean_jpeg(stream)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _clean_jpeg(image: Stream) -> None:
    filters = [str(name) for name in _as_list(image.get("/Filter"))]
    if not filters or filters[-1] not in ("/DCTDecode", "/DCT"):
        return
    parms = _as_list(image.get("/DecodeParms"))
    parms += [None] * (len(filters) - len(parms))
    data = image.read_raw_bytes()
    for name, parm in zip(filters[:-1], parms[:-1], strict=True):
        data = _undo_filter(data, name, parm)
    jpeg_parms = parms[-1] if isinstance(parms[-1], Dictionary) else None
    image.write(without_jpeg_metadata(data), filter=Name.DCTDecode, decode_parms=jpeg_parms)


def _undo_filter(data: bytes, name: str, parm) -> bytes:
    """One filter wrapped around a JPEG, undone within a bound; the rare others are refused."""
    if name in ("/FlateDecode", "/Fl") and not (parm and parm.get("/Predictor", 1) > 1):
        limit = min(MAX_INFLATED_BYTES, MAX_INFLATION * len(data) + 65536)
        inflater = zlib.decompressobj()
        inflated = inflater.decompress(data, limit)
        if inflater.unconsumed_tail:
            raise ValueError("a picture inflates far beyond its size")
        return inflated
    if name in ("/ASCIIHexDecode", "/AHx"):
        digits = re.sub(rb"\s", b"", data.split(b">", 1)[0])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    if name in ("/ASCII85Decode", "/A85"):
        return a85decode(re.sub(rb"\s", b"", data).split(b"~>", 1)[0])
    raise ValueError(f"a picture is wrapped in {name}")


def _links(source: Pdf, page, numbers: dict) -> list[tuple]:
    """The page's links that stay: a web or mail address, or a page of this document."""
    links = []
    for annotation in _as_list(page.obj.get("/Annots")):
        if not isinstance(annotation, Dictionary) or annotation.get("/Subtype") != Name.Link:
            continue
        rect = _numbers(annotation.get("/Rect"))
        target = _link_target(source, annotation, numbers)
        if rect and len(rect) == 4 and target is not None:
            links.append((rect, _numbers(annotation.get("/Border")), target))
    return links


def _numbers(value) -> list | None:
    if not isinstance(value, Array) or not all(isinstance(n, (int, Decimal)) for n in value):
        return None
    return [float(number) for number in value]


def _link_target(source: Pdf, annotation: Dictionary, numbers: dict):
    action = annotation.get("/A")
    destination = annotation.get("/Dest")
    if isinstance(action, Dictionary):
        uri = action.get("/URI")
        if action.get("/S") == Name.URI and isinstance(uri, String):
            address = str(uri).strip()
            return address if LINK_SCHEMES.match(address) else None
        if action.get("/S") != Name.GoTo:
            return None  # Launch, JavaScript, SubmitForm, ImportData, GoToR...: gone
        destination = action.get("/D")
    if isinstance(destination, (String, Name)):
        destination = _named_destination(source, destination)
    if isinstance(destination, Dictionary):
        destination = destination.get("/D")
    if not isinstance(destination, Array) or len(destination) == 0:
        return None
    page = destination[0]
    if not isinstance(page, Dictionary) or page.objgen not in numbers:
        return None
    view = [item for item in list(destination)[1:] if item is None or isinstance(item, VIEW_ITEMS)]
    return numbers[page.objgen], view


def _named_destination(source: Pdf, name):
    try:
        if isinstance(name, Name):
            return source.Root.get("/Dests", Dictionary()).get(name)
        tree = source.Root.get("/Names", Dictionary()).get("/Dests")
        return pikepdf.NameTree(tree).get(str(name)) if tree is not None else None
    except (pikepdf.PdfError, TypeError, ValueError):
        return None


def _link(clean: Pdf, rect: list[float], border: list | None, target) -> Dictionary:
    """A link drawn again from its rectangle, border and target alone."""
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect))
    if border is not None:
        link.Border = Array(border)
    if isinstance(target, str):
        link.A = Dictionary(S=Name.URI, URI=String(target))
    else:
        page_number, view = target
        link.Dest = Array([clean.pages[page_number].obj, *(view or [Name.Fit])])
    return clean.make_indirect(link)
