"""A real headless Chromium (Debian's `chromium`) for what a person looks at: the summary's HTML.

Chromium's own flags, no driver: `--dump-dom` after a small script has written
the page's geometry into the DOM, and `--screenshot`. Headless Chromium lays
a page out at least 500 px wide whatever `--window-size` says, so the mail is
shown in an iframe exactly `width` px wide (a phone is 390) at the top left,
and the window is cropped to it. Each run gets a fresh profile and no network
of its own (no QUIC, no background, component or sync traffic).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
MAX_HEIGHT = 16_000       # px; a catch-up day's summary is about 14,000 px tall on a phone
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio")

# Runs in the wrapper page, after the mail in its iframe has loaded: where is every heading and link,
# and is each one on screen, inside the mail's width, and the thing a tap at its centre would hit?
_GEOMETRY = """
window.addEventListener('load', function () {
  var frame = document.getElementById('mail'), doc = frame.contentDocument, win = frame.contentWindow;
  function seen(el) {
    var r = el.getBoundingClientRect(), st = win.getComputedStyle(el);
    var x = r.left + r.width / 2, y = r.top + r.height / 2, hit = doc.elementFromPoint(x, y);
    return {text: el.textContent.trim().slice(0, 80), href: el.getAttribute('href') || '',
            left: r.left, right: r.right, top: r.top, width: r.width, height: r.height,
            visible: st.visibility !== 'hidden' && st.display !== 'none' && parseFloat(st.opacity) > 0,
            hit: !!hit && (hit === el || el.contains(hit))};
  }
  var out = {width: win.innerWidth, scrollWidth: doc.documentElement.scrollWidth,
             height: Math.ceil(doc.body.getBoundingClientRect().height),
             headings: Array.prototype.map.call(doc.querySelectorAll('h1, h2'), seen),
             links: Array.prototype.map.call(doc.querySelectorAll('a'), seen)};
  var pre = document.createElement('pre');
  pre.id = 'geometry';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
"""


@dataclass
class Rendering:
    width: int                 # the mail's viewport
    scroll_width: int          # wider than `width` means the reader must scroll sideways
    height: int
    headings: list[dict]
    links: list[dict]
    screenshot: Path


def available() -> bool:
    return shutil.which(CHROMIUM) is not None


def _wrapper(mail_html: str, width: int, height: int, script: bool) -> str:
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff">'
            f'<iframe id="mail" style="display:block;border:0;width:{width}px;height:{height}px" '
            f'srcdoc="{html.escape(mail_html, quote=True)}"></iframe>'
            + (f"<script>{_GEOMETRY}</script>" if script else "") + "</body></html>")


def _run(args: list[str], page: Path, window: tuple[int, int], workdir: Path, timeout: float = 60) -> str:
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}",
               *args, page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    shutil.rmtree(profile, ignore_errors=True)
    if result.returncode != 0:
        raise RuntimeError(f"chromium exited {result.returncode}: {result.stderr[-1500:]}")
    return result.stdout


def _geometry(mail_html: str, width: int, height: int, workdir: Path) -> dict:
    page = workdir / f"geometry-{width}.html"
    page.write_text(_wrapper(mail_html, width, height, script=True), encoding="utf-8")
    dom = _run(["--dump-dom"], page, (max(width, 500), max(height, 200)), workdir)
    found = re.search(r'<pre id="geometry">(.*?)</pre>', dom, re.S)
    if not found:
        raise RuntimeError("chromium wrote no geometry; the page did not load")
    return json.loads(html.unescape(found.group(1)))


def render(mail_html: str, width: int, screenshot: Path, workdir: Path) -> Rendering:
    """Lay the mail out `width` px wide, measure it, and save a screenshot of all of it."""
    workdir.mkdir(parents=True, exist_ok=True)
    seen = _geometry(mail_html, width, MAX_HEIGHT, workdir)   # all of it inside the frame: hit tests work
    height = min(int(seen["height"]) + 2, MAX_HEIGHT)
    page = workdir / f"screenshot-{width}.html"
    page.write_text(_wrapper(mail_html, width, height, script=False), encoding="utf-8")
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    _run([f"--screenshot={screenshot}"], page, (width, height), workdir)
    return Rendering(int(seen["width"]), int(seen["scrollWidth"]), int(seen["height"]), seen["headings"],
                     seen["links"], screenshot)
