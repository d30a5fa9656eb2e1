"""The picture studio's symbol vocabulary: the questions, their answers in pages of at most six, and the little
grammar each answer needs in a sentence. Data only; the words themselves are in ``kit/i18n/builders.json``
(``builders.studio.<step>.<name>`` on the button, ``....words`` inside the sentence).

The vocabulary lets a child with special educational needs say their own feelings, needs and interests (the
competition asks for "interests, emotions or needs"): hard feelings as well as happy ones, the people of their day,
the Hong Kong things children love, and what they need right now. Pages are grouped the way AAC boards are (people,
animals, transport ...), so a child who has learned where a symbol is finds it there again.
"""

from __future__ import annotations

STEPS = ("feeling", "who", "where", "doing", "colours", "style")
PAGE_SIZE = 6           # at most six big buttons at a time

# step -> pages -> (name, emoji); the first page of each step keeps the answers most children want.
PAGES: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "feeling": (
        (("happy", "😊"), ("sad", "😢"), ("angry", "😠"), ("scared", "😨"), ("calm", "😌"), ("excited", "🤩")),
        (("worried", "😟"), ("proud", "🏅"), ("lonely", "😔"), ("brave", "💪"), ("sleepy", "😴")),
    ),
    "who": (
        (("me", "🧍"), ("mum", "👩"), ("dad", "👨"), ("grandma", "👵"), ("grandpa", "👴"), ("teacher", "🧑‍🏫")),
        (("friend", "👫"), ("helper", "🤝"), ("child", "🧒"), ("robot", "🤖"), ("dragon", "🐉")),
        (("panda", "🐼"), ("cat", "🐱"), ("dog", "🐶"), ("rabbit", "🐰"), ("bird", "🐦"), ("fish", "🐟")),
        (("mtr", "🚇"), ("bus", "🚌"), ("tram", "🚋"), ("ferry", "⛴️"), ("taxi", "🚕"), ("plane", "✈️")),
    ),
    "where": (
        (("home", "🏠"), ("school", "🏫"), ("park", "🌳"), ("beach", "🏖️"), ("station", "🚉"), ("playground", "🛝")),
        (("forest", "🌲"), ("city", "🏙️"), ("space", "🚀")),
    ),
    "doing": (
        (("play", "⚽"), ("eat", "🍚"), ("swim", "🏊"), ("sleep", "🛌"), ("draw", "🖍️"), ("music", "🎵")),
        (("help", "🙋"), ("hug", "🤗"), ("quiet", "🤫"), ("drink", "🥤"), ("break", "⏸️")),
    ),
    "colours": (
        (("bright", "🌈"), ("soft", "🌸"), ("blue_green", "🌊"), ("red_orange", "🍊"), ("gold_purple", "👑")),
    ),
    "style": (
        (("watercolour", "🖌️"), ("cartoon", "🎬"), ("crayon", "🖍️"), ("pixel", "👾"), ("sketch", "✏️"),
         ("ink", "🎋")),
    ),
}
CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    step: tuple(choice for page in pages for choice in page) for step, pages in PAGES.items()}
NEEDS = frozenset({"help", "hug", "quiet", "drink", "break"})   # "needing a hug": after the place, not before it

# The grammar of "who": English "a" (made "an" before a vowel sound), "my" or nothing ("Happy me"); Chinese the
# measure word after 一 (一隻熊貓, 一架巴士), or none for people ("開心的媽媽").
ARTICLE = {"me": "", "mum": "my", "dad": "my", "grandma": "my", "grandpa": "my", "teacher": "my", "friend": "my",
           "helper": "my"}
MEASURE = {"child": "個", "robot": "個", "dragon": "條", "panda": "隻", "cat": "隻", "dog": "隻", "rabbit": "隻",
           "bird": "隻", "fish": "條", "mtr": "列", "bus": "架", "tram": "架", "ferry": "艘", "taxi": "架", "plane": "架"}
DETERMINERS = ("a", "an", "the", "my", "our", "his", "her", "their")
PREPOSITIONS = ("at", "in", "on", "by", "near", "under", "inside", "outside", "behind", "beside")

KIT_STYLE = {"pixel": "pixel art", "ink": "ink painting"}      # the other names are kit.STYLES names already
STEP_EMOJI = {"feeling": "💛", "who": "👀", "where": "🗺️", "doing": "🏃", "colours": "🎨", "style": "🖼️"}


def page_of(step: str, name: str | None) -> int:
    """The page on which answer ``name`` of ``step`` is (0 for none, or for the child's own words)."""
    for number, page in enumerate(PAGES[step]):
        if any(each == name for each, _emoji in page):
            return number
    return 0
