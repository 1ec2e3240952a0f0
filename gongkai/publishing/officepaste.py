"""Word and WPS markup turned into plain document markup before nh3 cleans it.

What Word (and WPS, which copies Word's clipboard format) puts on the clipboard: a whole HTML document with
`mso-` styles, `<o:p>` and VML (`<v:shape>`) elements, conditional comments (`<![if !supportLists]>` around the
typed number of a list item), list items as paragraphs with `mso-list:l0 level1 lfo1`, bold and italic as styles,
`<font>` tags and one class per paragraph. Here: the list paragraphs become real `<ol>`/`<ul>` (nested by level,
ordered when the typed marker is a number), bold/italic/underline styles become `<strong>`/`<em>`/`<u>`, headings
shift down so the page title stays the only `<h1>`, and the rest (spans, fonts, Office elements, empty paragraphs,
anchors without a link) goes; nh3 then drops every class and style.
"""

import re
from typing import Any

import lxml.html
from lxml import etree

SUPPORT_LISTS = re.compile(
    r"<!(?:--)?\[if\s+!supportLists\]>(?:-->)?(.*?)<!(?:--)?\[endif\](?:--)?>", re.IGNORECASE | re.DOTALL
)
HIDDEN_CONDITIONAL = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->", re.IGNORECASE | re.DOTALL)
REVEALED_MARKER = re.compile(r"<!(?:--)?\[(?:if[^\]]*|endif)\](?:--)?>", re.IGNORECASE)
FRAGMENT_MARKER = re.compile(r"<!--(?:Start|End)Fragment-->", re.IGNORECASE)
MSO_LIST = re.compile(r"mso-list:\s*(l\d+)\s+level(\d+)", re.IGNORECASE)
ORDERED_MARKER = re.compile(r"^[(（]?(?:\d+|[a-zA-Z]|[ivxlcIVXLC]+|[一二三四五六七八九十百]+)[.)）、．]")
BOLD = re.compile(r"font-weight:\s*(?:bold|[6-9]00)", re.IGNORECASE)
ITALIC = re.compile(r"font-style:\s*italic", re.IGNORECASE)
UNDERLINE = re.compile(r"text-decoration:\s*underline", re.IGNORECASE)
IGNORED = re.compile(r"mso-list:\s*ignore", re.IGNORECASE)
DROPPED_WITH_CONTENT = {"style", "script", "meta", "link", "title", "xml", "head"}
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
WEB_SOURCE = re.compile(r"^(?:https?://|/[^/])", re.IGNORECASE)
LIST_MARKER_CLASS = "gongkai-list-marker"
NBSP = "\xa0"


def normalize(value: str) -> str:
    """Word/WPS (or any) HTML with Office markup rewritten as plain document markup; nh3 still cleans it after."""
    value = FRAGMENT_MARKER.sub("", value)
    value = SUPPORT_LISTS.sub(rf'<span class="{LIST_MARKER_CLASS}">\1</span>', value)
    value = HIDDEN_CONDITIONAL.sub("", value)
    value = REVEALED_MARKER.sub("", value)
    root = parse(value)
    drop_office_elements(root)
    build_lists(root)
    styles_to_tags(root)
    shift_headings(root)
    unwrap_and_prune(root)
    return serialize(root)


def parse(value: str):
    if re.search(r"<(?:html|body)[\s>]", value, re.IGNORECASE):
        document = lxml.html.document_fromstring(value)
        body = document.find("body")
        root = body if body is not None else document
        root.tag = "div"
        return root
    return lxml.html.fragment_fromstring(value, create_parent="div")


def serialize(root) -> str:
    parts = [root.text or ""]
    parts += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(parts)


def tag_of(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def drop_office_elements(root) -> None:
    for element in list(root.iter()):
        if element is root:
            continue
        if not isinstance(element.tag, str):  # comments and processing instructions
            element.drop_tree()
            continue
        tag = tag_of(element)
        if tag in DROPPED_WITH_CONTENT or tag.startswith(("v:", "w:", "m:")):
            element.drop_tree()
        elif tag.startswith(("o:", "st1:")) or tag == "font":
            element.drop_tag()


def list_level(element) -> tuple[str, int] | None:
    match = MSO_LIST.search(element.get("style") or "")
    if tag_of(element) != "p" or match is None:
        return None
    return match.group(1), int(match.group(2))


def take_marker(paragraph) -> str:
    """Remove the typed number or bullet of a Word list paragraph and return its text."""
    for element in paragraph.iter():
        if element.get("class") == LIST_MARKER_CLASS or IGNORED.search(element.get("style") or ""):
            text = element.text_content().replace(NBSP, " ").strip()
            element.drop_tree()
            return text
    return ""


def build_lists(root) -> None:
    for parent in [element for element in root.iter() if isinstance(element.tag, str)]:
        run: list = []
        for child in list(parent):
            if list_level(child) is not None:
                run.append(child)
                continue
            if run:
                make_list(run)
            run = []
        if run:
            make_list(run)


def make_list(paragraphs: list) -> None:
    """Consecutive Word list paragraphs become one list, nested by their level."""
    first = paragraphs[0]
    stack: list[tuple[int, Any]] = []
    top = None
    for paragraph in paragraphs:
        _list_id, level = list_level(paragraph) or ("", 1)
        ordered = bool(ORDERED_MARKER.match(take_marker(paragraph)))
        while stack and stack[-1][0] > level:
            stack.pop()
        if not stack or stack[-1][0] < level:
            new_list = etree.Element("ol" if ordered else "ul")
            if stack and len(stack[-1][1]):
                stack[-1][1][-1].append(new_list)
            elif stack:
                stack[-1][1].append(new_list)
            else:
                top = new_list
            stack.append((level, new_list))
        item = etree.SubElement(stack[-1][1], "li")
        item.text = (paragraph.text or "").lstrip(NBSP + " ")
        for child in list(paragraph):
            item.append(child)
    first.addprevious(top)
    for paragraph in paragraphs:
        paragraph.drop_tree()


def styles_to_tags(root) -> None:
    for element in list(root.iter()):
        if tag_of(element) != "span":
            continue
        style = element.get("style") or ""
        for pattern, tag in ((BOLD, "strong"), (ITALIC, "em"), (UNDERLINE, "u")):
            if pattern.search(style):
                wrapper = etree.Element(tag)
                wrapper.text, element.text = element.text, None
                for child in list(element):
                    wrapper.append(child)
                element.append(wrapper)


def shift_headings(root) -> None:
    """The page title is the only <h1>: when the body has one, every heading moves one level down."""
    if root.find(".//h1") is None:
        return
    for element in root.iter(*HEADINGS):
        element.tag = HEADINGS[min(HEADINGS.index(element.tag) + 1, 5)]


def is_empty(element) -> bool:
    if element.find(".//img") is not None or element.find(".//br") is not None and len(element) > 1:
        return False
    return not element.text_content().replace(NBSP, "").strip()


def unwrap_and_prune(root) -> None:
    for image in list(root.iter("img")):
        if not WEB_SOURCE.match(image.get("src") or ""):  # file:///C:/…/clip_image001.png, data: — nothing to show
            image.drop_tree()
    for element in list(root.iter("span", "a")):
        if element.tag == "span" or not element.get("href"):
            element.drop_tag()
    for element in list(root.iter("p")):
        if is_empty(element):
            element.drop_tree()
