"""What several test modules share: the sentinel key and a way to search everything the kit wrote.

Kept out of conftest.py so that test modules import it by a name of its own (two conftest.py files, in
tests/ and tests/browser/, would otherwise compete for the module name ``conftest``).
"""

import os

# A key that looks real, made at run time so no key-shaped string is committed. Tests search everything
# the kit wrote for it: it must never appear.
SENTINEL_KEY = "sk-" + "sentinel" * 4


def everything_written(folder) -> str:
    """All text in all files under a folder, for searching for a secret."""
    out = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                out.append(handle.read().decode("utf-8", "replace"))
    return "\n".join(out)
