"""Comparing two rendered pages: what differs between any two requests is masked first.

A CSRF token is signed with the second it was made in, so two renders of the same page differ
whenever the requests straddle a second; comparing them unmasked is a test that fails by the
clock. Mask every such value before comparing pages.
"""

import re

# Any hidden CSRF input, whatever the order of its attributes.
_CSRF_INPUT = re.compile(r'<input\b[^>]*\bname="csrf_token"[^>]*>')
# itsdangerous-signed values (CSRF tokens, emailed links): base64 payload.timestamp.signature.
_SIGNED = re.compile(r"\b[\w-]{10,}\.[\w-]{4,}\.[\w-]{20,}\b")


def masked(page: str | bytes) -> str:
    """The page with its CSRF inputs and signed tokens replaced by placeholders."""
    text = page.decode() if isinstance(page, bytes) else page
    text = _CSRF_INPUT.sub('<input name="csrf_token" value="…">', text)
    return _SIGNED.sub("…signed…", text)
