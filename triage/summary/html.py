"""The summary's HTML part, from Jinja2 templates with autoescaping on.

The templates (templates/*.html, installed with the package) hold the
markup; this module only hands them the content and the inline styles. The
size budget measures each entry with the same macros the page uses.
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment, Template

from .content import Ask, Content, Entry, Learned, Section, when_label

# Inline styles only: many mail clients drop <style> blocks, none may load anything remote.
STYLES = SimpleNamespace(
    font="font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;",
    muted="color:#56687a;font-size:13px;",
    warn="background:#fdecea;padding:8px 10px;color:#8a1010;font-size:14px;",
    link="color:#0a66c2;font-weight:600;text-decoration:none;",
    code="font-family:monospace;color:#56687a;",
    # A tap target a thumb can hit: the correction links are small pills.
    fix="display:inline-block;padding:4px 12px;margin:2px 0;border:1px solid #0a66c2;border-radius:14px;"
        "text-decoration:none;",
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined   # on the first summary, not at import
    env = Environment(loader=PackageLoader("triage.summary", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(s=STYLES, when=when_label)
    return env


def _page() -> Template:
    return environment().get_template("summary.html")


@lru_cache(maxsize=1)
def _macros() -> Any:
    return environment().get_template("entries.html").make_module({"s": STYLES})


def render_html(content: Content) -> str:
    return _page().render(c=content)


def entry_html(section: Section, entry: Entry | Learned | Ask, tier: str) -> str:
    """One entry as the page would show it at `tier` ("" for tiers that show no markup of its own)."""
    macros = _macros()
    if tier == "full":
        return str(macros.full(section, entry))
    if tier == "line":
        return str(macros.line(section, entry))
    if tier == "name":
        return str(macros.name(entry)) + ",\n"
    return ""
