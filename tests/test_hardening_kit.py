"""A child's work against damaged files, two kernels on one folder, a full disk, and odd journal pointers."""

import pytest

import kit
from kit.journal import Journal


@pytest.mark.parametrize("pointer", ['"a string"', "{}", "[1, 2]", '{"call": 7}', '{"call": "../../x"}'])
def test_a_journal_pointer_of_the_wrong_shape_counts_as_missing(offline_kit, workdir, pointer):
    first = kit.ask("Tell me about dragons.", seed=3)
    journal = Journal(workdir)
    for folder in ("keys", "loose"):
        for path in (journal.root / folder).glob("*.json"):
            path.write_text(pointer, encoding="utf-8")
    assert journal.find("anything") is None and journal.find_loose("anything") is None
    again = kit.ask("Tell me about dragons.", seed=3)   # asked again: no TypeError, a fresh call instead
    assert again.text == first.text and not again.reused
