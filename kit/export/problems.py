"""Why an export could not be made, told kindly in both languages (no traceback for the child to read)."""

from __future__ import annotations

from ..errors import KitError


class ExportProblem(KitError):
    """The notebook has no story in it, is damaged, misses a picture, or the PDF browser is not installed.

    Nothing is written when this is raised, so a good file from an earlier export is never replaced by half of one.
    """

    kind = "export"
