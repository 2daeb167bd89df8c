"""The built docs site, loaded in a real browser (headless Chromium, Debian's ``chromium``).

For each main page, at 1280 px wide:
- no request leaves the machine: every URL the page loads is on the local server (or data:);
- code blocks are highlighted: Pygments' spans are in the DOM, no JavaScript highlighter;
- no table, and no code block, is wider than the content area;
and the site's search answers from its own index, dark mode works, and the lab's graphs load.

Screenshots are kept under ``$K8SLAB_ARTIFACTS`` (default: the temporary folder's
``k8slab-docs-screenshots``), never in git.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT, find_tool

PAGES = [
    "",
    "getting-started/",
    "guides/lab/",
    "guides/builders/",
    "guides/graph/",
    "guides/validate/",
    "reference/api/",
    "reference/errors/",
]
SHOTS = Path(os.environ.get("K8SLAB_ARTIFACTS") or Path(tempfile.gettempdir()) / "k8slab-docs-screenshots")

_MEASURE = """(() => {
  const content = document.querySelector('.md-content__inner');
  const width = content.getBoundingClientRect().width;
  const wide = (el) => el.getBoundingClientRect().width > width + 1 || el.scrollWidth > el.clientWidth + 1;
  const tables = [...content.querySelectorAll('table')];
  const wraps = [...content.querySelectorAll('.md-typeset__scrollwrap, .md-typeset__table')];
  const blocks = [...content.querySelectorAll('div.highlight')];
  const coded = blocks.filter((b) => /language-(python|yaml|json|console|bash)/.test(b.className));
  return {
    contentWidth: width,
    viewport: window.innerWidth,
    tables: tables.length,
    wideTables: tables.filter(wide).map((t) => t.innerText.slice(0, 60)),
    scrollingWraps: wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).length,
    wideCode: [...content.querySelectorAll('pre')].filter(wide).map((p) => p.innerText.slice(0, 60)),
    codeBlocks: coded.length,
    unhighlighted: coded.filter((b) => !b.querySelector('code span[class]')).map((b) => b.innerText.slice(0, 60)),
    spans: content.querySelectorAll('.highlight code span[class]').length,
    scripts: [...document.scripts].map((s) => s.src).filter(Boolean),
    scheme: document.body.getAttribute('data-md-color-scheme'),
    images: [...content.querySelectorAll('img')].map((i) => [i.src, i.complete && i.naturalWidth > 0]),
    copyButtons: content.querySelectorAll('button[data-md-type="copy"], button.md-clipboard').length,
  };
})()"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs, built as ``mkdocs build --strict`` builds them."""
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[tuple[Any, str, list[str]]]:
    """(page, base URL, paths the server answered): Chromium at 1280 px on the served site."""
    from .browser import chromium, serve

    binary = find_tool("chromium")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serve(site) as (base, seen), chromium(binary) as page:
        yield page, base, seen


def _local(url: str, base: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or url.startswith(base)


@pytest.mark.parametrize("path", PAGES)
def test_page_in_chromium(browser: tuple[Any, str, list[str]], path: str) -> None:
    page, base, seen = browser
    page.open(base + path)
    found = page.evaluate(_MEASURE)
    name = path.strip("/").replace("/", "-") or "index"
    page.screenshot(SHOTS / f"{name}.png")

    requests = page.requests()
    assert requests and requests[0] == base + path
    assert [u for u in requests if not _local(u, base)] == []
    assert found["viewport"] == 1280
    assert found["contentWidth"] > 700, "the content column should use the window, not a fixed 800 px"
    assert found["wideTables"] == [] and found["scrollingWraps"] == 0
    assert found["wideCode"] == []
    assert found["unhighlighted"] == []
    if found["codeBlocks"]:
        assert found["spans"] > 0 and found["copyButtons"] >= found["codeBlocks"]
    assert all(ok for _, ok in found["images"]), found["images"]
    assert seen, "the local server answered nothing"


def test_content_grows_with_a_wide_window(site: Path) -> None:
    """At 1920 px the text column takes the room the sidebars leave (no fixed 800 px column)."""
    from .browser import chromium, serve

    SHOTS.mkdir(parents=True, exist_ok=True)
    with serve(site) as (base, _), chromium(find_tool("chromium"), width=1920, height=1000) as page:
        page.open(base + "guides/graph/")
        width = page.evaluate("document.querySelector('.md-content__inner').getBoundingClientRect().width")
        page.screenshot(SHOTS / "guides-graph-1920.png")
    assert width > 1200


def test_lab_page_shows_every_goals_graph(browser: tuple[Any, str, list[str]]) -> None:
    page, base, _ = browser
    page.open(base + "guides/lab/")
    images = page.evaluate(
        "[...document.querySelectorAll('figure.k8slab-graph img')].map(i => [i.getAttribute('src'), i.naturalWidth])"
    )
    names = sorted(re.sub(r".*/", "", src) for src, _ in images)
    assert names == sorted(f"{p.stem}.svg" for p in (ROOT / "examples").glob("*.py")), (
        "each goal's section (and the whole lab) shows its graph"
    )
    assert all(width > 100 for _, width in images)
    tabs = page.evaluate("[...document.querySelectorAll('.tabbed-labels label')].map(l => l.innerText)")
    assert {"Python", "YAML", "Helm values"} <= set(tabs)


def test_search_works_offline(browser: tuple[Any, str, list[str]]) -> None:
    page, base, _ = browser
    page.open(base)
    hits = page.evaluate(
        """new Promise((resolve) => {
          const input = document.querySelector('.md-search__input');
          input.focus();
          input.value = 'LimitRange';
          input.dispatchEvent(new Event('input', {bubbles: true}));
          input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
          let tries = 0;
          const poll = () => {
            const items = document.querySelectorAll('.md-search-result__item');
            if (items.length || ++tries > 100) resolve(items.length); else setTimeout(poll, 100);
          };
          poll();
        })"""
    )
    assert hits > 0
    assert [u for u in page.requests() if not _local(u, base)] == []
    assert any("search_index.json" in u for u in page.requests())


def test_dark_mode(browser: tuple[Any, str, list[str]]) -> None:
    page, base, _ = browser
    page.send("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark"}])
    try:
        page.open("about:blank")  # the scheme the earlier pages stored is forgotten, as on a first visit
        page.send("Storage.clearDataForOrigin", origin=base.rstrip("/"), storageTypes="local_storage")
        page.open(base + "guides/graph/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.screenshot(SHOTS / "guides-graph-dark.png")
    finally:
        page.send("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "light"}])


_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["'](?P<src>[^"']+)"""
    r"""|<link\b[^>]*\bhref=["'](?P<href>[^"']+)["'][^>]*>""",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"""url\(\s*["']?(?P<url>[^)"']+)""")


def test_built_site_loads_nothing_from_another_host(site: Path) -> None:
    """No page, stylesheet or script of the site names a resource on another host."""
    remote: list[str] = []
    for file in sorted(site.rglob("*.html")):
        for match in _RESOURCE.finditer(file.read_text(encoding="utf-8")):
            link = match["src"] or match["href"]
            tag = match.group(0).lower()
            if match["href"] and not re.search(r"rel=[\"']?(stylesheet|icon|preload|modulepreload|manifest)", tag):
                continue  # an ordinary link, followed only when clicked
            if re.match(r"(https?:)?//", link):
                remote.append(f"{file.relative_to(site)}: {link}")
    for file in sorted(site.rglob("*.css")):
        for match in _CSS_URL.finditer(file.read_text(encoding="utf-8")):
            if re.match(r"(https?:)?//", match["url"]):
                remote.append(f"{file.relative_to(site)}: {match['url']}")
    assert remote == []
