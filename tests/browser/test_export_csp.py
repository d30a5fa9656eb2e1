"""The exported novel in Chromium: the kit's own script runs (its hash is in the CSP); a script slipped into the
file by some future escaping slip does not."""

from __future__ import annotations

import kit


def test_an_injected_script_is_refused_while_the_novel_still_plays(offline_kit, page, tmp_path):
    novel = kit.Novel("The Night Market", author="Ka Ho")
    novel.add_scene("start", "Pip stands at the market gate.")
    novel.add_choice("start", "Go in", "inside")
    novel.add_scene("inside", "Lanterns everywhere. The end!", ending=True)
    html = novel.export(tmp_path / "night.novel.html").read_text(encoding="utf-8")
    slip = ('<script>document.documentElement.setAttribute("data-injected", "script")</script>'
            '<img alt="" src="data:," onerror="document.documentElement.setAttribute(\'data-injected\', \'handler\')">')
    hostile = tmp_path / "hostile.novel.html"
    hostile.write_text(html.replace("</body>", slip + "</body>"), encoding="utf-8")
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(hostile.resolve().as_uri())
    page.wait_for_function("document.documentElement.classList.contains('js')")   # the kit's script ran
    assert page.evaluate("document.documentElement.getAttribute('data-injected')") is None   # before: "script"
    assert refused and not page.problems
