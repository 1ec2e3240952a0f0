"""Rich-text bodies are cleaned with nh3: only document markup survives; scripts, styles and events never do.

Every save cleans the body whatever the client sent: Word/WPS markup is first rewritten as plain document markup
(`officepaste.normalize`), plain text (the textarea without JavaScript) becomes paragraphs, then nh3 keeps only
the tags and attributes below. `images_without_alt` names the images a clerk still has to describe.
"""

import html
import re

import lxml.html
import nh3

from . import officepaste

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "span",
    "div", "pre", "code", "img", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
TAG_PATTERN = re.compile(r"<[^>]+>")
BLOCK_END_PATTERN = re.compile(r"</(p|div|h[2-6]|li|tr|blockquote|pre|dd|dt|figcaption)>|<br\s*/?>", re.IGNORECASE)


def clean_html(value: str) -> str:
    value = value or ""
    if not value.strip():
        return ""
    value = officepaste.normalize(value) if TAG_PATTERN.search(value) else text_to_html(value)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def html_to_text(value: str) -> str:
    """Plain text of a cleaned body, one paragraph a line: for screening, search and feeds."""
    text = BLOCK_END_PATTERN.sub("\n", value or "")
    text = html.unescape(TAG_PATTERN.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def text_to_html(value: str) -> str:
    """Plain text typed or pasted without the editor: one paragraph a line."""
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in value.splitlines() if line.strip())


def images_without_alt(value: str) -> list[str]:
    """The images of a cleaned body without a text alternative, each named by its file name (or its position)."""
    if "<img" not in (value or ""):
        return []
    root = lxml.html.fragment_fromstring(value, create_parent="div")
    missing = []
    for number, image in enumerate(root.iter("img"), start=1):
        if not (image.get("alt") or "").strip():
            name = (image.get("src") or "").split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
            missing.append(name or str(number))
    return missing
