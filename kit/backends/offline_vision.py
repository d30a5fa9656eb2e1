"""The offline picture reader: an honest stand-in for Qwen-VL that needs no key and no network.

It does not understand pictures. It measures what it can (the main colours and where they sit) and, for a
picture the offline painter made, repeats what the painter says it drew. It answers in the same
"ALT: ... / SEED: ..." shape the kit asks the real model for, and always says it is the offline reader.
"""

from __future__ import annotations

import io

from PIL import Image

# A few colour names a child knows, with a typical shade of each (nearest wins).
COLOURS = {
    "red": ((210, 45, 45), "紅色"), "orange": ((240, 140, 40), "橙色"), "yellow": ((245, 215, 60), "黃色"),
    "green": ((70, 160, 70), "綠色"), "blue": ((60, 110, 210), "藍色"), "light blue": ((150, 200, 240), "淺藍色"),
    "purple": ((140, 80, 180), "紫色"), "pink": ((240, 150, 190), "粉紅色"), "brown": ((130, 85, 50), "啡色"),
    "black": ((25, 25, 25), "黑色"), "white": ((245, 245, 245), "白色"), "grey": ((140, 140, 140), "灰色"),
}
ROWS = (("at the top", "上面"), ("in the middle", "中間"), ("at the bottom", "下面"))
COLUMNS = (("on the left", "左邊"), ("", ""), ("on the right", "右邊"))
SAME_HOW = {   # (the painter said what it drew, same): how the offline reader guessed, in English and Chinese
    (True, True): ("the painter drew every word of the hero in both", "畫家在兩幅圖畫都畫了主角的每個詞"),
    (True, False): ("the painter did not draw every word of the hero here", "畫家在這裏沒有畫出主角的每個詞"),
    (False, True): ("the hero's main colours are all here", "主角的主要顏色都在這幅圖畫裏"),
    (False, False): ("the hero's main colours are not all here", "主角的主要顏色不全在這幅圖畫裏"),
}
SAMPLE = 64          # the picture is measured at 64 x 64: colours and places need no more


def colour_name(rgb: tuple[int, int, int]) -> str:
    return min(COLOURS, key=lambda name: sum((a - b) ** 2 for a, b in zip(COLOURS[name][0], rgb, strict=True)))


def measure(data: bytes) -> list[tuple[str, float, int, int]]:
    """The main colours: (name, share of the picture, row 0-2, column 0-2 of where most of it sits)."""
    with Image.open(io.BytesIO(data)) as image:
        small = image.convert("RGB").resize((SAMPLE, SAMPLE), Image.Resampling.BOX)
    found: dict[str, list[tuple[int, int]]] = {}
    raw = small.tobytes()
    for index in range(SAMPLE * SAMPLE):
        rgb = tuple(raw[index * 3:index * 3 + 3])
        found.setdefault(colour_name(rgb), []).append(divmod(index, SAMPLE))
    total = SAMPLE * SAMPLE
    main = sorted(found.items(), key=lambda item: -len(item[1]))[:3]
    result = []
    for name, places in main:
        share = len(places) / total
        if share < 0.04:
            continue
        row = sum(y for y, _ in places) * 3 // (len(places) * SAMPLE)
        column = sum(x for _, x in places) * 3 // (len(places) * SAMPLE)
        result.append((name, share, row, column))
    return result


def _where(row: int, column: int, zh: bool) -> str:
    if zh:
        return (COLUMNS[column][1] + ROWS[row][1]) if column != 1 else ROWS[row][1]
    return " ".join(p for p in (ROWS[row][0], COLUMNS[column][0]) if p)


def same_hero(data: bytes, painted: tuple[str, ...], hero: bytes, hero_painted: tuple[str, ...]) -> bool:
    """The offline reader's guess: the painter drew every word of the hero here; else the hero's main colours
    are all in this picture too. It cannot see a character, so it says how it guessed."""
    if hero_painted:
        return set(hero_painted) <= set(painted)
    return {name for name, *_ in measure(hero)[:2]} <= {name for name, *_ in measure(data)}


def read_picture(data: bytes, *, painted: tuple[str, ...] = (), question: str = "", language: str = "en",
                 hero: bytes | None = None, hero_painted: tuple[str, ...] = ()) -> str:
    """What the offline reader can say about a picture, as "ALT: ...\\nSEED: ..." (see the module docstring)."""
    same = None if hero is None else same_hero(data, painted, hero, hero_painted)
    zh = language.startswith("zh")
    colour_words = set(COLOURS) | {zh_name for _, zh_name in COLOURS.values()} | {z[:-1] for _, z in COLOURS.values()}
    painted = tuple(word for word in painted if word.lower() not in colour_words)
    colours = measure(data)
    names = [COLOURS[c][1] if zh else c for c, *_ in colours] or (["很多顏色"] if zh else ["many colours"])
    amount = (lambda share: "很多" if share > 0.3 else "一些") if zh else (
        lambda share: "a lot of" if share > 0.3 else "some")
    if zh:
        parts = [f"{_where(r, c, True)}有{amount(s)}{COLOURS[n][1]}" for n, s, r, c in colours]
        alt = f"一幅大部分是{'和'.join(names[:2])}的圖畫" + (f"，畫了{'、'.join(painted)}" if painted else "") + "。"
        seed = "（離線讀圖：它只量度顏色和位置，並不明白圖畫。）" + "，".join(parts) + "。"
        if painted:
            seed += f"離線畫家說它畫了：{'、'.join(painted)}。"
        seed += f"故事種子：在{'和'.join(names[:2])}之間，會發生甚麼事？"
        if question:
            seed += f"你問：「{question}」離線讀圖答不了問題，只能說出它量度到的東西。"
    else:
        parts = [f"{amount(s)} {n} {_where(r, c, False)}" for n, s, r, c in colours]
        alt = f"A picture of mostly {' and '.join(names[:2])}" + (f", with {', '.join(painted)}" if painted else "") + "."
        seed = ("(Offline reader: it measures colours and places; it does not understand pictures.) I measure "
                + ", ".join(parts) + ".")
        if painted:
            seed += f" The offline painter says it drew: {', '.join(painted)}."
        seed += f" Story seed: what could happen between the {' and the '.join(names[:2])}?"
        if question:
            seed += f' You asked: "{question}". The offline reader cannot answer questions; it can only say what it measured.'
    if same is not None:
        how = SAME_HOW[(bool(hero_painted), same)][1 if zh else 0]
        seed += (f"同一個角色？離線讀圖的猜測：{'是' if same else '不是'}（{how}）。" if zh else
                 f" Same character? The offline reader's guess: {'yes' if same else 'no'} ({how}).")
        return f"ALT: {alt}\nSEED: {seed}\nSAME: {'yes' if same else 'no'}"
    return f"ALT: {alt}\nSEED: {seed}"
