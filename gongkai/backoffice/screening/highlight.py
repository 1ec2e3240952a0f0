"""Rendering a text with its findings highlighted (<mark>), escaping everything else. Publishing's editor uses it too:
`highlight_findings(record_body, findings_for(revision).filter(location="body"))`."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight_spans(text: str, spans) -> SafeString:
    """`spans` are (start, end, css_class, anchor_id) tuples; overlapping later spans are skipped."""
    parts, position = [], 0
    for start, end, css_class, anchor in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < position or end > len(text) or start >= end:
            continue
        parts.append(escape(text[position:start]))
        anchor_attribute = f' id="{escape(anchor)}"' if anchor else ""
        parts.append(f'<mark class="{escape(css_class)}"{anchor_attribute}>{escape(text[start:end])}</mark>')
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text above is escaped


def highlight_findings(text: str, findings) -> SafeString:
    """The whole text with each stored finding's span marked by severity (finding objects or detections)."""
    return highlight_spans(
        text,
        [
            (f.start, f.end, f"finding finding-{f.severity}", f"finding-{f.pk}" if getattr(f, "pk", None) else "")
            for f in findings
            if text[f.start : f.end] == f.text
        ],
    )


def highlight_context(finding) -> SafeString:
    """A stored finding's surrounding text with its span marked."""
    offset = finding.context.find(finding.text, max(0, min(finding.start, 30) - 1))
    if offset == -1:
        offset = finding.context.find(finding.text)
    if offset == -1:
        return escape(finding.context)
    end = offset + len(finding.text)
    return highlight_spans(finding.context, [(offset, end, f"finding finding-{finding.severity}", "")])
