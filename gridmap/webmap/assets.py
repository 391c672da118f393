"""Leaflet inside the page: the web map fetches nothing from anywhere.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs. The map
needs Leaflet alone (its own vector layers, tooltips, popups and layer control;
no jQuery or Bootstrap plugin, no icon font), so Leaflet's files are vendored
under ``resources/webmap/`` (see the README there) and written into the page
inline, with the images its CSS names as ``data:`` URLs. A
Content-Security-Policy in the page forbids every fetch as well, so nothing can
reach the network even if an element slipped a link in.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from html.parser import HTMLParser

from branca.element import Element

from gridmap.paths import resource_file

# Inline script and style only; images and fonts only as data: URLs; no connections.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                           "img-src data:; font-src data:")

_CSS_IMAGE = re.compile(r"""url\((['"]?)(images/[\w.-]+\.png)\1\)""")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S+\s*$", re.MULTILINE)


class RawHtml(Element):
    """Markup written into the page as it is (branca's Element would read it as a
    Jinja template, and Leaflet's code is not one)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def _webmap_file(name: str):
    return resource_file("webmap", *name.split("/"))


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    """leaflet.js, its source-map comment dropped (a file the page would look for)."""
    text = _SOURCE_MAP.sub("", _webmap_file("leaflet.js").read_text(encoding="utf-8"))
    if re.search(r"</script|<!--", text, re.IGNORECASE):
        raise ValueError("leaflet.js holds text that would end an inline <script>")
    return text


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """leaflet.css with the images it names (layer-control icon, marker) as data: URLs."""
    def inline(match: re.Match) -> str:
        data = base64.b64encode(_webmap_file(match.group(2)).read_bytes()).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    text = _CSS_IMAGE.sub(inline, _webmap_file("leaflet.css").read_text(encoding="utf-8"))
    if re.search(r"</style", text, re.IGNORECASE):
        raise ValueError("leaflet.css holds text that would end an inline <style>")
    return text


def head_elements(page_css: str) -> list[tuple[str, Element]]:
    """(name, element) for the page's head: the policy, Leaflet's CSS and code, our CSS."""
    return [
        ("gm_csp", RawHtml(f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n')),
        ("leaflet_css", RawHtml(f"<style>\n{leaflet_css()}\n</style>\n")),
        ("leaflet", RawHtml(f"<script>\n{leaflet_js()}\n</script>\n")),
        ("gm_css", RawHtml(f"<style>{page_css}</style>\n")),
    ]


# -- what a page would fetch ---------------------------------------------------

# Attributes whose value the browser loads (a's and area's href only navigate).
_FETCHING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "href", "xlink:href", "action",
                        "formaction", "manifest", "ping"}
_NAVIGATING_TAGS = {"a", "area", "base"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE | re.DOTALL)


def _outside(reference: str) -> bool:
    """True for a reference to anything outside the page: a URL of any scheme but
    data:, or a relative path; not a fragment of the page itself ("#id")."""
    reference = reference.strip()
    return bool(reference) and not reference.startswith("#") and not reference.lower().startswith("data:")


def _css_references(css: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in _CSS_URL.finditer(css)]


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "style":
                self.found += _css_references(value)
            elif name == "srcset":
                self.found += [part.strip().split(" ")[0] for part in value.split(",")]
            elif name in _FETCHING_ATTRIBUTES and tag not in _NAVIGATING_TAGS:
                self.found.append(value)
            elif tag == "meta" and name == "content" and "url=" in value.lower():
                self.found.append(value.split("=", 1)[1])  # <meta http-equiv="refresh" content="0; url=…">
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += _css_references(data)


def external_references(html: str) -> list[str]:
    """Every reference in ``html`` that a browser would fetch from outside the
    page: <script src>, <link href>, <img src>/srcset, url(…) and @import in
    style sheets and style attributes, and the like. Empty for a self-contained
    page. (Inline scripts are not searched: the page's Content-Security-Policy
    stops whatever they might ask for.)"""
    parser = _References()
    parser.feed(html)
    parser.close()
    return [r for r in parser.found if _outside(r)]
