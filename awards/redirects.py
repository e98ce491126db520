"""Redirect targets taken from the request: only paths on this site, never another host."""

from urllib.parse import urlsplit


def same_site_referrer(referrer: str | None, host: str) -> str | None:
    """The path and query of ``referrer`` when it is a page of this site (served as ``host``),
    else None."""
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return safe_next(path, "") or None


def safe_next(target: str | None, default: str) -> str:
    """``target`` when it is a plain path on this site, else ``default``."""
    if not target:
        return default
    # Browsers treat backslashes as slashes and ignore control characters: "/\evil.com" is a host.
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target
