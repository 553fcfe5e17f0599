"""HTML reading: the visible text and the links of a mail's HTML part, the way a reader sees them.

A notification is read from lexbor's tree (selectolax; ~0.3 ms for 29 KB);
markup with more tags than any notification has is read by lxml's parser
driven as a stream of events straight into lines (no tree, no depth limit,
no recursion). Either way the reading is the same: hidden preheaders dropped,
blocks and <br> as line breaks, paragraphs (<p>) and tables set apart by a
blank line, as a reader sees them and as the HTML standard's innerText writes
them (a note written as one <p> per paragraph keeps its paragraphs). The links are also read with a cheap
regex for the authenticity checks, which need every href, visible or not.
"""

from __future__ import annotations

import html as html_lib
import re
import threading
from typing import Any

from ..text import SPACES_RE
from .document import Doc, is_footer
from .linkedin import INTENDED_RE
from .mime import clean_text

MAX_HTML_NODES = 200_000
MAX_HTML_TREE_CHARS = 1_000_000  # notifications are under 200 KB of HTML; the tree costs ~0.7 s per MB
MAX_LINKS = 2_000


_BLOCK_TAGS = frozenset({"div", "li", "dd", "dt", "td", "th", "center", "section", "article", "header", "footer",
                         "address", "pre", "figcaption", "main", "nav", "aside", "form", "caption", "tbody", "thead"})
_PARA_TAGS = frozenset({"p", "table", "tr", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"})
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "img", "svg", "meta", "link", "object",
                        "iframe", "template", "input", "select", "textarea", "video", "audio", "map", "area"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)


# Mail HTML puts long inline styles on most elements and _HIDDEN_STYLE_RE (re.I, three branches) costs ~9 µs on
# each. What every match of it holds, found ~30 times faster: no letter but n, h, a matches n, h, a under re.I.
_HIDDEN_HINT_RE = re.compile(r":\s*[nNhHaA]")
# The same as _HIDDEN_STYLE_RE for ASCII text once lowercased (re.I folds only A-Z there), ~5 times faster.
_HIDDEN_STYLE_LOWER_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all")


def _hidden(attrib: Any) -> bool:
    """Whether the attributes hide the element: a preheader, hidden, or a style with display:none and the like."""
    if "data-email-preheader" in attrib or "hidden" in attrib:
        return True
    style = attrib.get("style")
    if not style or _HIDDEN_HINT_RE.search(style) is None:
        return False
    if style.isascii():
        return _HIDDEN_STYLE_LOWER_RE.search(style.lower()) is not None
    return _HIDDEN_STYLE_RE.search(style) is not None


class _HtmlStop(Exception):
    """Raised by _HtmlReader to stop lxml's parser at MAX_HTML_NODES."""


# What _HtmlReader does with an element: on leaving it (_CLOSE_*), or skip it (_SKIP), or a line break (_BR).
_CLOSE_NONE, _CLOSE_BLOCK, _CLOSE_PARA, _CLOSE_LINK, _SKIP, _BR = 0, 1, 2, 3, 4, 5
_TAG_ACTION = {**{tag: _CLOSE_BLOCK for tag in _BLOCK_TAGS}, **{tag: _CLOSE_PARA for tag in _PARA_TAGS}, "a": _CLOSE_LINK,
               **{tag: _SKIP for tag in _SKIP_TAGS}, "br": _BR}


class _HtmlReader:
    """An lxml parser target that turns the parser's events into the visible text and links of the <body>.

    No tree is built: lxml calls start/end/data/comment as it reads, in
    document order, so nesting costs no stack and libxml2's limit of 256
    levels for a tree does not apply (mail nests thousands of tags deep).
    Only the first <body> is read; without one, the whole document is.
    """

    __slots__ = ("out", "links", "open_links", "closes", "pending", "seen", "skip", "buf", "in_body", "done")

    def __init__(self) -> None:
        self._reset()
        self.in_body = False

    def _reset(self) -> None:
        self.out: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.open_links: list[tuple[int, str]] = []  # (index in out where the link text starts, href)
        self.closes: list[int] = []                  # a _CLOSE_* for each element being read
        # Line breaks wait until the next visible text, so nested blocks give one break, not a blank line each.
        self.pending = 0
        self.seen = 0
        self.skip = 0       # > 0 inside a skipped element (script, style, hidden preheader...): its depth
        self.buf: list[str] = []  # text not yet read: lxml hands one text in several pieces
        self.done = False

    def _count(self) -> None:
        """Count one node, as a walk of the tree would; stop the parser past MAX_HTML_NODES."""
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self.done = True
            raise _HtmlStop

    def _text(self) -> None:
        buf = self.buf
        text = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self._count()
        piece = SPACES_RE.sub(" ", text.replace("\n", " "))
        if piece.strip():
            if self.pending:
                self.out.append("\n" * min(self.pending, 2))
                self.pending = 0
            self.out.append(piece)
        elif not self.pending:
            self.out.append(piece)

    def start(self, tag: str, attrib: Any) -> None:
        if self.buf:
            self._text()
        if not self.in_body and tag == "body":
            self._reset()  # what came before the body is not read
            self.in_body = True
        if self.skip or self.done:
            self.skip += 1
            return
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self._count()
        action = _TAG_ACTION.get(tag, _CLOSE_NONE)
        if action == _SKIP or (attrib and _hidden(attrib)):
            self.skip = 1
            return
        if action in (_CLOSE_NONE, _CLOSE_BLOCK, _CLOSE_PARA):
            self._break(action)
        elif action == _CLOSE_LINK:
            href = attrib.get("href") if attrib else None
            if href:
                self.open_links.append((len(self.out), href))
        else:  # <br>
            self.pending += 1
            self.skip = 1  # its end is not a closing either
            return
        self.closes.append(action)

    def _break(self, code: int) -> None:
        """A block edge asks for one line break, a paragraph edge for a blank line; never fewer than pending."""
        if code == _CLOSE_BLOCK:
            self.pending = max(self.pending, 1)
        elif code == _CLOSE_PARA:
            self.pending = max(self.pending, 2)

    def end(self, tag: str) -> None:
        if self.buf:
            self._text()
        if self.skip:
            self.skip -= 1
            return
        if self.done or not self.closes:
            return
        self.seen += 1
        if self.seen > MAX_HTML_NODES:
            self._count()
        code = self.closes.pop()
        if code in (_CLOSE_NONE, _CLOSE_BLOCK, _CLOSE_PARA):
            self._break(code)
        elif self.open_links:  # _CLOSE_LINK
            start, href = self.open_links.pop()
            self.links.append((" ".join("".join(self.out[start:]).split()), href))
        if self.in_body and not self.closes:
            self.done = True  # the body is read

    def data(self, text: str) -> None:
        if text and not self.skip and not self.done:
            self.buf.append(text)

    def comment(self, text: str) -> None:
        if self.buf:
            self._text()
        if not self.skip and not self.done:
            self._count()

    def pi(self, target: str, data: str | None = None) -> None:
        self.comment(target)

    def close(self) -> None:
        if self.buf and not self.done:
            self._text()


_html_parsers = threading.local()  # .pair: this thread's (lxml parser, its _HtmlReader)


def _read_html(markup: str) -> _HtmlReader:
    """The markup read by lxml's HTML parser into an _HtmlReader; never raises, keeps what was read on an error."""
    from lxml import etree  # imported here: only mail without a usable text part pays

    # One parser per thread, reused: a new parser target costs lxml an inspect.signature() call (~0.1 ms).
    pair = getattr(_html_parsers, "pair", None)
    if pair is None:
        reader = _HtmlReader()
        pair = _html_parsers.pair = (etree.HTMLParser(target=reader, recover=True, no_network=True), reader)
    parser, reader = pair
    reader._reset()
    reader.in_body = False
    try:
        # A str is parsed as the text it is: a <meta charset> in it is not obeyed.
        etree.fromstring(markup, parser)
        return reader
    except ValueError:
        if reader.seen or reader.in_body:
            return reader  # raised while reading: keep what was read
        # A str with an <?xml encoding=...?> declaration, refused before reading: the feed interface takes it.
    except Exception:  # noqa: BLE001 - _HtmlStop, or lxml's error on hostile markup
        return reader
    reader = _HtmlReader()  # a parser of its own: the shared one is not left half-fed
    try:
        parser = etree.HTMLParser(target=reader, recover=True, no_network=True)
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001
        pass
    return reader


# Markup with more tags than this is read by lxml's stream: lexbor builds a tree, and a tree of thousands of
# nested blocks costs it time that grows with the square of the depth (20,000 nested <div>: ~1 s). A
# notification has a few hundred tags; hostile mail can have any number.
LEXBOR_MAX_TAGS = 10_000


def _read_lexbor(markup: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The visible text pieces and the links of the <body>, read from lexbor's tree (selectolax), as _HtmlReader does.

    lexbor (C) builds the tree the way the HTML standard and browsers do, in a
    third of the time lxml's parser takes to stream the events of the same mail
    into Python (0.33 vs 0.62 ms for 29 KB); the walk over the tree is the same
    reading as _HtmlReader's, element by element, iteratively (no recursion),
    and gives the same lines on every fixture and on the generated mail. Where
    the two parsers differ it is on broken markup (a stray <td> outside a
    table is dropped, as a browser drops it).
    """
    from selectolax.lexbor import LexborHTMLParser  # imported here: only mail read from its HTML pays

    body = LexborHTMLParser(markup).body
    out: list[str] = []
    links: list[tuple[str, str]] = []
    pending = 0  # line breaks waiting for the next visible text (see _HtmlReader)
    stack: list[tuple[Any, int, int, str | None]] = []  # open elements: (node, action, where its text starts, href)
    node = body.child if body is not None else None
    action_of = _TAG_ACTION.get
    while node is not None:
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                piece = SPACES_RE.sub(" ", text.replace("\n", " "))
                if piece.strip():
                    if pending:
                        out.append("\n" * min(pending, 2))
                        pending = 0
                    out.append(piece)
                elif not pending:
                    out.append(piece)
        elif tag[0] not in "_!":  # an element, not a comment or a doctype
            action = action_of(tag, _CLOSE_NONE)
            attrs = node.attributes if action != _SKIP else None
            if action == _BR:
                pending += 1
            elif action != _SKIP and not (attrs and _hidden(attrs)):
                pending = _edge(action, pending)
                href = (attrs.get("href") or None) if action == _CLOSE_LINK and attrs else None
                child = node.child
                if child is not None:
                    stack.append((node, action, len(out), href))
                    node = child
                    continue
                pending = _edge(action, pending)  # an empty element ends where it starts
                if href:
                    links.append(("", href))
        after = node.next
        while after is None and stack:
            node, action, start, href = stack.pop()
            pending = _edge(action, pending)
            if href:
                links.append((" ".join("".join(out[start:]).split()), href))
            after = node.next
        node = after
    return out, links


def _edge(action: int, pending: int) -> int:
    """A block's edge asks for a line break, a paragraph's for a blank line; never fewer than are pending."""
    if action == _CLOSE_BLOCK:
        return max(pending, 1)
    if action == _CLOSE_PARA:
        return max(pending, 2)
    return pending


def html_doc(markup: str) -> Doc:
    """The HTML part as lines, the way a reader sees it: hidden preheaders dropped, tables and <br> as line breaks."""
    markup = markup[:MAX_HTML_TREE_CHARS]
    if markup.count("<") <= LEXBOR_MAX_TAGS:
        out, links = _read_lexbor(markup)
    else:
        reader = _read_html(markup)
        out, links = reader.out, reader.links
        reader._reset()  # the reader is kept for the thread's next mail: not this one's text
    text = clean_text("".join(out))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    footer_at = len(lines)
    for i, line in enumerate(lines):
        if line and is_footer(line):
            footer_at = i
            break
    # Collapse runs of blank lines to one, so paragraphs read as in the text part.
    content: list[str] = []
    for line in lines[:footer_at]:
        if line or (content and content[-1]):
            content.append(line)
    return Doc(content, links, "\n".join(lines[footer_at:]), "html")


_ANCHOR_START_RE = re.compile(r"<(a|area|form)\b([^>]{0,4000})>", re.I)
_HREF_RE = re.compile(r"""\b(href|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TAG_RE = re.compile(r"<[^>]*>")


def html_links(markup: str) -> list[tuple[str, str]]:
    """(label, URL) of every link and form in the HTML, cheaply, without building a tree."""
    links: list[tuple[str, str]] = []
    for m in _ANCHOR_START_RE.finditer(markup):
        if len(links) >= MAX_LINKS:
            break
        h = _HREF_RE.search(m.group(2))
        if not h:
            continue
        url = (h.group(2) or h.group(3) or h.group(4) or "").strip()
        if "&#" in url:  # an entity-encoded host hides where the link goes; &amp; in the query does not matter
            url = html_lib.unescape(url)
        tag = m.group(1).lower()
        if tag == "form":
            links.append(("form", url))
            continue
        label = ""
        if tag == "a":
            end = markup.find("</a", m.end(), m.end() + 4000)
            if end > 0:
                label = markup[m.end():end]
                if "<" in label:
                    label = _TAG_RE.sub(" ", label)
                label = " ".join((html_lib.unescape(label) if "&" in label else label).split())
        links.append((clean_text(label).strip(), url))
    return links


_INTENDED_HINTS = ("intended for", "destiné à", "destine à", "war für", "dirigido a", "enviado para", "destinata a",
                   "se envió a", "bedoeld voor")
_INTENDED_HINT_RE = re.compile("|".join(re.escape(h) for h in _INTENDED_HINTS), re.I)


def intended_for_in_html(markup: str) -> str | None:
    """The "intended for" footer read from the HTML with a regex, when the text part has none.

    The footer's first words are found with str.find on the lowercased markup
    (a case-insensitive alternation over 30 KB costs ~1.5 ms); only the text
    around each is read.
    """
    # The footer is at the end: its last 16 KB are read first, the rest only if the line is not there.
    tail = max(0, len(markup) - 16_000)
    for start, end in ((tail, len(markup)), (0, tail)) if tail else ((0, len(markup)),):
        found = _intended_between(markup, start, end)
        if found is not None:
            return found
    return None


def _intended_between(markup: str, start: int, end: int) -> str | None:
    part = markup[start:end]
    lowered = part.lower()
    if len(lowered) == len(part):
        starts = sorted((i, len(hint)) for hint in _INTENDED_HINTS for i in _find_all(lowered, hint))
    else:  # lowercasing changed the length (rare letters): positions would not line up
        starts = [(m.start(), m.end() - m.start()) for m in _INTENDED_HINT_RE.finditer(part)]
    for at, length in starts:
        at += start
        chunk = markup[max(0, at - 200): at + length + 600]
        found = INTENDED_RE.search(clean_text(tag_free(chunk)))
        if found:
            return found.group("name").strip()
    return None


def _find_all(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def tag_free(markup: str) -> str:
    """The markup's text with every tag cut out and entities decoded, one space between words (no parsing)."""
    return " ".join(html_lib.unescape(_TAG_RE.sub(" ", markup)).split())
