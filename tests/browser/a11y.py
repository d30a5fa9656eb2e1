"""Measurements made inside the browser: target sizes, text labels and text contrast (WCAG 2.2 AA).

axe-core already checks contrast and names; these measure what a teacher asks about directly ("can a child with a
trackpad hit that button?") and report every offender with its text, so a failure says what to fix.
"""

from __future__ import annotations

# Every visible control inside ``root``: its box, its accessible name the simple way, and what it is.
CONTROLS = r"""(root) => {
  const scope = root ? document.querySelector(root) : document;
  const picked = [...scope.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, '
                                             + '[role=button], [role=link], [role=slider], [tabindex]:not([tabindex="-1"])')];
  const labelOf = (e) => {
    const direct = (e.getAttribute('aria-label') || '').trim();
    if (direct) return direct;
    const by = (e.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
      .map(id => document.getElementById(id)?.textContent.trim() || '').join(' ').trim();
    if (by) return by;
    if (e.labels && e.labels.length) { const t = [...e.labels].map(l => l.textContent.trim()).join(' ').trim(); if (t) return t; }
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName)) return (e.getAttribute('title') || '').trim();
    return (e.innerText || e.textContent || e.getAttribute('title') || '').trim();
  };
  return picked.filter(e => e.offsetParent !== null || getComputedStyle(e).position === 'fixed').map(e => {
    const r = e.getBoundingClientRect();
    return {tag: e.tagName.toLowerCase(), type: e.type || '', width: r.width, height: r.height, label: labelOf(e),
            text: (e.innerText || e.value || e.outerHTML).trim().slice(0, 60), disabled: !!e.disabled};
  }).filter(c => c.width > 0 && c.height > 0);
}"""

# Every visible text run: its colour against the first solid background behind it, and whether it is large text.
CONTRAST = r"""(root) => {
  const scope = root ? document.querySelector(root) : document.body;
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const blend = (top, bottom) => { const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); };
  // The solid colours a text run may sit on: the layers behind it down to the first opaque one; a gradient
  // counts as each of its colour stops (the worst one decides), a picture cannot be measured (skipped).
  const backgrounds = (e) => {
    const layers = [];
    for (let n = e; n; n = n.parentElement) {      // nearest first; in one element the image lies on the colour
      const s = getComputedStyle(n);
      if (s.backgroundImage && s.backgroundImage !== 'none') {
        if (!s.backgroundImage.includes('gradient(')) return null;
        const stops = (s.backgroundImage.match(/rgba?\([^)]+\)/g) || []).map(parse);
        if (stops.length) { layers.push(stops); if (stops.every(x => x[3] >= 1)) break; }
      }
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push([c]); if (c[3] >= 1) break; }
    }
    let colours = [[255, 255, 255, 1]];
    for (const layer of layers.reverse()) colours = layer.flatMap(top => colours.map(under => blend(top, under)));
    return colours;
  };
  const out = [];
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || !e || seen.has(e) || e.closest('script,style,noscript,[aria-hidden=true]')) continue;
    seen.add(e);
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || e.offsetParent === null && s.position !== 'fixed') continue;
    if (e.closest('button:disabled, input:disabled, select:disabled, textarea:disabled')) continue;  // WCAG exempts these
    let opacity = 1;
    for (let n = e; n; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
    const bgs = backgrounds(e);
    const fg = parse(s.color);
    if (!bgs || !fg) continue;
    let ratio = Infinity, bg = bgs[0];
    for (const under of bgs) {
      const shown = blend([fg[0], fg[1], fg[2], fg[3] * opacity], under);
      const [a, b] = [lum(shown), lum(under)];
      const r = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (r < ratio) { ratio = r; bg = under; }
    }
    const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    out.push({text: t.textContent.trim().slice(0, 50), ratio: Math.round(ratio * 100) / 100, need: large ? 3 : 4.5,
              size, colour: s.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})`});
  }
  return out;
}"""


def controls(page, root: str | None = None) -> list[dict]:
    return page.evaluate(CONTROLS, root)


def small_targets(page, root: str | None = None, side: float = 44) -> list[dict]:
    """Controls smaller than ``side`` x ``side`` CSS px (WCAG 2.5.5 AAA / the usual 44 px touch target)."""
    return [c for c in controls(page, root) if c["width"] < side - 0.5 or c["height"] < side - 0.5]


def unlabelled(page, root: str | None = None) -> list[dict]:
    """Controls with no text a screen reader would read (an emoji alone does not count)."""
    import re

    return [c for c in controls(page, root) if not re.search(r"[A-Za-z0-9\u3400-\u9fff]", c["label"])]


def low_contrast(page, root: str | None = None) -> list[dict]:
    return [run for run in page.evaluate(CONTRAST, root) if run["ratio"] < run["need"]]


def contrast_runs(page, root: str | None = None) -> list[dict]:
    return page.evaluate(CONTRAST, root)
