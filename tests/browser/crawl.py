"""Every page a role can reach, found the way a visitor would: by following the same-origin
links of each page from the role's start pages. A new page is covered as soon as a link to it
exists; pages of one route shape (ids replaced, same query keys) are visited at most twice."""

import re
from collections import Counter, deque
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Error as PlaywrightError

PER_SHAPE = 2
# Not pages: files (PDF, spreadsheets, archives, pictures, documents, job results), the
# status a job page polls, and the certificate preview, a print design at its paper's size.
NOT_PAGES = re.compile(
    r"\.(pdf|zip|xlsx|csv|png|jpe?g|svg|ico)$|/documents/\d+$|/jobs/\d+/(result|status)$"
    r"|/logo$|/certificates/preview/|^/static/"
)


def shape(path: str, query: str) -> str:
    """The route pattern of a URL: numbers replaced, query values dropped."""
    keys = sorted({key for key, _ in parse_qsl(query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(keys) if keys else "")


def _local(href: str, origin: str) -> str | None:
    parts = urlsplit(href)
    if f"{parts.scheme}://{parts.netloc}" != origin or NOT_PAGES.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(page, origin: str, starts: list[str], visit) -> list[str]:
    """Visit ``starts`` and every page linked from them, calling ``visit(page, url)`` on each
    HTML page once (after redirects); returns the URLs visited, in order."""
    queue, queued, shapes, visited = deque(starts), set(starts), Counter(), []
    while queue:
        url = queue.popleft()
        try:
            response = page.goto(origin + url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue
            raise
        content_type = response.headers.get("content-type", "") if response else ""
        landed = _local(page.url, origin)
        if not content_type.startswith("text/html") or landed is None or landed in visited:
            continue
        assert response.ok, f"{url}: {response.status}"
        visited.append(landed)
        queued.add(landed)
        visit(page, landed)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            found = _local(href.split("#")[0], origin)
            if found is None or found in queued:
                continue
            key = shape(*urlsplit(found)[2:4])
            if shapes[key] < PER_SHAPE:
                shapes[key] += 1
                queued.add(found)
                queue.append(found)
    return visited
