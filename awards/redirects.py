"""Redirect targets taken from the request: only paths on this site, never another host."""

from urllib.parse import urlsplit


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
