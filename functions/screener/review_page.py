"""The reviewers' page (`GET /v1/review/`): one self-contained HTML file, its script and style
inline, that works the open queue through the API it is served by (`review_page.html`).

The page itself holds no data and, like the documentation, needs no API key to load (a browser
cannot send `x-api-key` on a page load); every call it makes sends the key the reviewer types.
Its Content-Security-Policy allows only its own inline script and style (by their hashes) and
calls to the same origin: nothing is loaded from a CDN or anywhere else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

PAGE = Path(__file__).with_name("review_page.html")


def _hashes(html: str, tag: str) -> str:
    blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.DOTALL)
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'" for block in blocks
    )


@cache
def page() -> tuple[str, dict[str, str]]:
    """The page and its headers."""
    html = PAGE.read_text(encoding="utf-8")
    policy = (
        f"default-src 'none'; script-src {_hashes(html, 'script')}; style-src {_hashes(html, 'style')}; "
        "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    headers = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
    return html, headers
