"""The Sketchpad in real JupyterLab: a child draws with the mouse and the kernel has the picture; undo and the
controls' size and words; and the same ES module in a plain page with no Jupyter at all (how anywidget runs it in
Colab and elsewhere: the module gets a model with get/set/on/save_changes and an element)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kit.sketchpad import ASSETS

from .a11y import small_targets, unlabelled
from .labkit import LONG, SETUP_CELL, cell_errors, lab_command, open_notebook, run_all, write_notebook

pytestmark = pytest.mark.browser
SHOW = 'print("PICTURE", repr(pad.picture), pad.strokes)'


def stroke(page, canvas, points) -> None:
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + points[0][0] * box["width"], box["y"] + points[0][1] * box["height"])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=8)
    page.mouse.up()


def run_last_cell(page) -> None:
    page.locator(".jp-Cell").last.locator(".jp-InputArea-editor").click()
    lab_command(page, "notebook:run-cell")


def test_drawing_with_the_mouse_gives_the_kernel_a_picture(lab, page):
    name = write_notebook(lab, "sketchpad.ipynb", [SETUP_CELL, 'pad = kit.Sketchpad(name="mouse-test")\npad', SHOW])
    open_notebook(page, lab, name)
    run_all(page)
    pad = page.locator(".kit-sketchpad")
    expect(pad).to_be_visible(timeout=LONG)
    output = page.locator(".jp-Cell").last.locator(".jp-OutputArea")
    expect(output).to_contain_text("PICTURE None 0")
    assert not small_targets(page, ".kit-sketchpad") and not unlabelled(page, ".kit-sketchpad")

    canvas = pad.locator("canvas")
    canvas.scroll_into_view_if_needed()
    pad.locator("button", has_text="Blue").click()
    stroke(page, canvas, [(0.2, 0.7), (0.4, 0.5), (0.6, 0.7)])
    expect(pad.locator(".kit-sketch-status")).to_contain_text("Saved", timeout=LONG)
    run_last_cell(page)
    expect(output).to_contain_text("PICTURE Picture(prompt='mouse-test', 768x512", timeout=LONG)
    expect(output).to_contain_text("backend='child') 1")

    pad.locator("button", has_text="Undo").click()          # back to the blank page, sent to the kernel too
    expect(pad.locator(".kit-sketch-status")).to_contain_text("Saved")
    page.wait_for_timeout(500)  # the page sends its PNG a moment after the last change
    run_last_cell(page)
    expect(output).to_contain_text("PICTURE None 2", timeout=LONG)
    assert not cell_errors(page) and not page.problems


PLAIN_PAGE = """<!doctype html><html><head><style>{css}</style></head><body><div id="here"></div>
<script type="module">
const state = {{png: new DataView(new ArrayBuffer(0)), strokes: 0, width: 768, height: 512,
  labels: {{tools: "Drawing tools", canvas: "Drawing space", eraser: "🧽 Eraser", undo: "↩️ Undo",
           clear: "🗑️ Clear", saved: "Saved.", nothing_to_undo: "Nothing to undo."}},
  colours: [["#111827", "⚫ Black"], ["#dc2626", "🔴 Red"]], brushes: [["🖌️ Big brush", 18]]}};
window.sent = [];
const model = {{get: (k) => state[k], set: (k, v) => {{ state[k] = v; }}, on: () => {{}},
  save_changes: () => window.sent.push(state.png.byteLength)}};
const widget = (await import("data:text/javascript;base64,{js}")).default;
widget.render({{model, el: document.getElementById("here")}});
window.ready = true;
</script></body></html>"""


def test_the_module_draws_in_a_plain_page_without_jupyter(browser):
    """What a Colab-like front end gives an anywidget module (a model and an element), and nothing else."""
    import base64

    page = browser.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    js = base64.b64encode((ASSETS / "sketchpad.js").read_bytes()).decode()
    page.set_content(PLAIN_PAGE.format(css=(ASSETS / "sketchpad.css").read_text(), js=js))
    page.wait_for_function("() => window.ready === true")
    canvas = page.locator("canvas")
    stroke(page, canvas, [(0.1, 0.1), (0.5, 0.5)])
    page.wait_for_function("() => window.sent.length === 1")
    assert page.evaluate("() => window.sent[0]") > 100           # a real PNG went to the model
    buttons = page.locator("button")
    assert buttons.count() == 6 and not small_targets(page, ".kit-sketchpad")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent").endswith("Black")
    assert not problems
    page.close()
