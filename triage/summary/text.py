"""The summary's plain-text part: the same content as the HTML, for clients that show text and for replies.

No line here is ever a bare reply command ("K7Q3 pitch" alone on a line):
a summary forwarded or pasted back without quoting must not read as one.
"""

from __future__ import annotations

import textwrap

from .content import FULL, LINE, NAME, Ask, Content, Entry, Learned, Section, when_label

TEXT_WIDTH = 76


def render_text(content: Content) -> str:
    out = [content.subject, ""]
    if content.notices:
        out += [f"NOTE: {n}" for n in content.notices] + [""]
    if content.nothing_new:
        out += [content.nothing_new, ""]
    if content.reply_help:
        out += [*textwrap.wrap(content.reply_help, TEXT_WIDTH), ""]
    for section in content.visible:
        out += section_lines(section)
    if not content.nothing_new:
        out += ["COUNTS", "======"]
        width = max(len(k) for k in content.counts)
        out += [f"  {label:<{width}}  {n:>5}" for label, n in content.counts.items()]
        out += [""] + content.footer
    else:
        out += content.footer[-1:]
    return "\n".join(out).rstrip() + "\n"


def section_lines(section: Section) -> list[str]:
    """A section's heading and entries, each at the tier the size budget gave it."""
    title = f"{section.heading} ({len(section.entries)})"
    out = [title, "=" * len(title)]
    if not section.entries:
        return out + ["None.", ""]
    out += [*textwrap.wrap(section.blurb, TEXT_WIDTH), ""]
    for entry in section.at(FULL):
        out += full_lines(section, entry)
    compact = [line for entry in section.at(LINE) for line in line_lines(section, entry)]
    if compact:
        out += compact + [""]
    named = section.at(NAME)
    if named:
        names = ", ".join(f"{e.name} [{e.code}]" if e.code else e.name for e in named)
        out += textwrap.wrap(f"Also {section.title.lower()}, not shown here for room: {names}.", TEXT_WIDTH,
                             break_long_words=False, break_on_hyphens=False) + [""]
    if section.counted:
        shown = len(section.entries) - section.counted
        more = f"and {section.counted} more" if shown else f"{section.counted} in all"
        out += [f"... {more}: {section.more_hint}." if section.more_hint else f"... {more}.", ""]
    return out


def full_lines(section: Section, entry: Entry) -> list[str]:
    lines = [entry.name + (f"  [{entry.code}]" if entry.code else "")]
    if entry.headline:
        lines.append(f"  {entry.headline}")
    if meta := entry.meta:
        lines.append(f"  {meta}")
    if section.key == "suspicious":
        if entry.from_address:
            lines.append(f"  From: {entry.from_address}")
        if entry.subject:
            lines.append(f"  Subject: {entry.subject}")
        for reason in entry.reasons or ["flagged by the parser"]:
            lines.append(f"  ! {reason}")
        if entry.raw_profile:
            lines.append(f"  Claimed profile: {entry.raw_profile}")
        if entry.note:
            lines += ["", *wrap(entry.note, "    | ")]
        return lines + [""]
    lines += ["", *(wrap(entry.note, "    ") if entry.note else [f"    {entry.no_note}"]), ""]
    for link in entry.actions:
        lines.append(f"  {link.text}: {link.url}")
    if entry.label == "unsure":
        if guess := entry.guess:
            lines.append(f"  {guess}")
        lines.append(f"  Label it: {entry.label_command}")
        if entry.fixes:
            lines.append(f"  Or reply {entry.fix_words}")
    elif entry.fixes:
        lines.append(f"  Wrong? Reply {entry.fix_words}")
    return lines + [""]


def line_lines(section: Section, entry: Entry | Learned | Ask) -> list[str]:
    if isinstance(entry, Ask):
        lines = [f"  - {entry.sentence}"] + ([f"      {entry.headline}"] if entry.headline else [])
        if entry.profile_url:
            lines.append(f"      View profile: {entry.profile_url}")
        return lines + [f"      Mute: {entry.mute}"]
    if isinstance(entry, Learned):
        when = f", {when_label(entry.when)}" if entry.when else ""
        undo = f'; undo: reply "{entry.code} undo"' if entry.code else ""
        return [f"  - {entry.name}: {entry.change} ({entry.source}{when}){undo}"]
    if section.key == "suspicious":
        reason = (entry.reasons or ["flagged by the parser"])[0]
        return [f"  - {entry.name}: {reason}"]
    line = f"  - {entry.name}" + (f": {entry.headline}" if entry.headline else "")
    lines = [line + (f"  [{entry.code}]" if entry.code else "")]
    if section.quotes and (first := entry.first_line):
        lines.append(f"      \"{first}\"")
    if section.answers and entry.actions:
        lines.append(f"      {entry.actions[0].text}: {entry.actions[0].url}")
    return lines


def wrap(text: str, indent: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            lines.append("")
            continue
        lines += textwrap.wrap(paragraph, TEXT_WIDTH, initial_indent=indent, subsequent_indent=indent,
                               break_long_words=False, break_on_hyphens=False)
    return lines

