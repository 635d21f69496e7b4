"""Conversion of HTML mail bodies to plain text.

Only what classification needs is kept: the words, line breaks at block elements, and
quotation depth (``<blockquote>`` content is prefixed with ``> `` so that the quote
splitter treats it like a plain-text reply).  Scripts, styles and the head are dropped.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "pre",
    "hr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}
# Table cells are kept apart by a tab, so a label cell and its value cell stay two words and a
# row's cells stay in their header's columns (as in a table pasted from a spreadsheet).
_CELL = {"td", "th"}


class _TextCollector(HTMLParser):
    """Collect text with block-level line breaks and blockquote depth markers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.quote_depth = 0
        self.line_depth = 0

    def _break(self) -> None:
        text = "".join(self.current).strip()
        self.current = []
        prefix = "> " * self.line_depth
        self.lines.append(prefix + text if text else (prefix.rstrip() if prefix else ""))
        self.line_depth = self.quote_depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCK:
            self._break()
            if tag == "blockquote":
                self.quote_depth += 1
                self.line_depth = self.quote_depth
        elif tag in _CELL and not self.skip_depth:
            self.current.append("\t" if "".join(self.current).strip() else " ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self._break()
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
                self.line_depth = self.quote_depth

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if not "".join(self.current).strip():
            self.line_depth = self.quote_depth
        self.current.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(markup: str) -> str:
    """Return readable plain text for an HTML document; never raises on broken markup."""
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser can raise on pathological input.
        # Fall back to stripping tags crudely rather than losing the message.
        stripped = re.sub(r"<[^>]*>", " ", markup)
        return html.unescape(stripped).strip()
    collector._break()
    text = "\n".join(collector.lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.replace("\xa0", " ").strip()
