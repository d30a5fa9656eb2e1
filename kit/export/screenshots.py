"""Screenshots of the three files children hand in, for the docs: ``python -m kit.export.screenshots [folder]``.

It makes a small storybook (in Traditional Chinese), an interactive novel and a picture card with the offline
model in a temporary work folder, exports them exactly as ``book.export()`` does, and photographs each file in
headless Chromium. Needs ``chromium`` and ``fonts-noto-cjk``; changes nothing outside the output folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

BOOK_PAGES = [
    ("寫一句故事開頭：一條害怕飛的小龍住在大帽山上",
     "在大帽山的山頂上，住着一條小紅龍，名叫火火。火火有一對漂亮的翅膀，可是他很怕飛。",
     "a little red dragon on a green mountain top, watercolour picture book", "火火坐在大帽山頂，看着天空。"),
    (None, "一天，一隻小貓在山腳迷路了，一直在哭。火火聽見了，心裏很想幫忙。",
     "a little red dragon and a crying kitten at the foot of a mountain, watercolour", "小貓在山腳哭，火火在旁邊。"),
    ("寫一句：小龍鼓起勇氣飛下山去幫朋友",
     "火火深深吸一口氣，張開翅膀，「呼」的一聲飛了下去。原來飛行一點也不可怕！",
     "a red dragon flying bravely down a mountain in the sunset, watercolour", "火火在夕陽下飛下山。"),
    (None, "從那天起，小貓和火火成了好朋友。朋友需要你的時候，勇氣就會出現。",
     "a red dragon and a kitten having a picnic under a tree, watercolour", "火火和小貓在樹下野餐。"),
]


def demo_storybook():
    import kit

    book = kit.Storybook("勇敢的小龍火火", author="陳美美", theme="友誼", language="zh-Hant", name="demo-book")
    book.theme_statement = "火火為了幫助迷路的小貓，克服了對飛行的恐懼。這個故事說明，真正的朋友會為對方鼓起勇氣。"
    book.set_cover(kit.draw("a brave little red dragon smiling on a hilltop at sunset, picture book cover",
                            seed=5, style="watercolour"), alt="小紅龍火火站在山頂，背後是夕陽。")
    for number, (prompt, words, picture, alt) in enumerate(BOOK_PAGES):
        text = kit.ask(prompt, seed=number) if prompt else words
        page = book.add_page(text, kit.draw(picture, seed=10 + number, style="watercolour"), alt=alt)
        if prompt:
            page.text = words   # the child rewrote the AI's draft in her own words
    return book


def demo_novel():
    import kit

    novel = kit.Novel("The Lost Key", author="Chan Ka Ho", theme="Honesty", language="en", name="demo-novel")
    novel.theme_statement = "Every path asks the reader the same question: what do you do when nobody is watching?"
    gate = kit.ask("Describe a school gate at night in one sentence", seed=1)
    novel.add_scene("gate", gate, kit.draw("a school at night under a full moon", seed=1),
                    choices={"Walk into the dark hall": "hall", "Run home and forget it": "home"},
                    alt="The school at night under a full moon.", title="The Gate at Night")
    novel.edit_scene("gate", text="The school gate creaks open. Inside, something small and golden glints "
                                  "on the floor of the dark hall.")
    novel.add_scene("hall", "It is a key with a tiny tag: OFFICE. Nobody saw you pick it up.",
                    kit.draw("a glowing golden key on the floor of a dark school hall", seed=2),
                    choices={"Take it to the principal": "office", "Keep it in your pocket": "pocket"},
                    alt="A golden key glowing on a dark floor.", title="The Golden Key")
    novel.add_scene("office", "The principal smiles. \"Thank you for being honest. We looked for it all day!\"",
                    kit.draw("a smiling school principal in her office", seed=3), ending=True,
                    alt="The principal smiling at her desk.", title="A Proud Morning")
    novel.add_scene("pocket", "All night the key feels heavy. In the morning you hand it in after all.",
                    choices={"Go to the office": "office"}, title="A Heavy Pocket")
    novel.add_scene("home", "You are safe at home, but you keep wondering what was glinting in the hall.",
                    ending=True, title="Safe, but Curious")
    return novel


def demo_card():
    import kit

    return kit.PictureCard(kit.draw("a happy orange cat playing in the rain", seed=4), "我的貓咪",
                           "我的貓咪最喜歡在雨中玩！", author="詠詩", language="zh-Hant", name="demo-card",
                           alt="一隻橙色的貓在雨中開心地玩。")


def main(folder: str = "docs") -> list[Path]:
    import kit

    from .browser import screenshot

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with tempfile.TemporaryDirectory(prefix="kit-shots-") as tmp:
        kit.setup("offline", workdir=Path(tmp) / "work", quiet=True)
        book, novel, card = demo_storybook(), demo_novel(), demo_card()
        files = {"storybook": (book.export(Path(tmp) / "book.storybook.html"), (1280, 2200)),
                 "novel": (novel.export(Path(tmp) / "novel.novel.html"), (1000, 1500)),
                 "picture-card": (card.export(Path(tmp) / "card.card.html"), (900, 1250))}
        for name, (page, size) in files.items():
            shots.append(screenshot(page, out / f"{name}.png", size=size))
        shots.append(card.save_png(out / "picture-card-print.png"))
    return shots


if __name__ == "__main__":
    for shot in main(*sys.argv[1:2]):
        print(shot)
