"""Rich-text bodies are cleaned with nh3: only document markup survives; scripts, styles and events never do."""

import html
import re

import nh3

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
    return nh3.clean(
        value or "",
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
