"""One base for every error a person can cause and fix: :class:`ApplicationError`.

Services raise an ``ApplicationError`` (or a subclass) with a message and, where the input was a
file or a form, the list of :class:`ErrorDetail` naming where each problem is (field, row,
column). Each front end translates it in exactly one place:

- the CLI (``onefuture.cli.base.django_command``): the message and each detail on stderr, exit 1;
- the web pages: :class:`NotFound` is a 404, :class:`PermissionDenied` a 403, anything else is
  shown on the page that submitted the input;
- the API: the same three, as JSON with the details.

A subclass says what went wrong (``DataImportError``, ``FrameworkFileError`` ...); it never needs
its own translation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied


@dataclass(frozen=True, order=True)
class ErrorDetail:
    """One problem, where the person would look for it.

    ``row`` and ``column`` locate it in a spreadsheet (rows count from 1, the header being row
    1); ``field`` names a form field or a path in a structured file (``links[3].strength``).
    """

    row: int | None = None
    column: str = ""
    message: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = []
        if self.field:
            where.append(self.field)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


#: How many details an error's own message lists (the rest are counted).
DETAILS_IN_MESSAGE = 20


class ApplicationError(Exception):
    """An error a person caused and can fix: a message and optional details by location.

    ``errors`` is the full, sorted list of :class:`ErrorDetail`; ``str(error)`` is the message
    followed by up to :data:`DETAILS_IN_MESSAGE` of them.
    """

    #: The HTTP status a web page or the API answers with.
    status_code = 400
    #: Sort the details by row, field and column; a structured file's errors (whose paths do
    #: not sort as text: ``links[10]`` after ``links[2]``) keep the order they were found in.
    sort_details = True

    def __init__(self, message: str = "", *, errors: Iterable[ErrorDetail] = ()):
        self.errors: list[ErrorDetail] = (
            sorted(errors, key=_sort_key) if self.sort_details else list(errors)
        )
        if not message and self.errors:
            message = f"{len(self.errors)} problem(s) found:"
        self.message = message
        super().__init__(self._text())

    def _text(self) -> str:
        shown = [str(e) for e in self.errors[:DETAILS_IN_MESSAGE]]
        hidden = len(self.errors) - len(shown)
        if hidden > 0:
            shown.append(f"... and {hidden} more")
        return "\n".join([self.message, *shown]) if shown else self.message


def _sort_key(detail: ErrorDetail) -> tuple[int, str, str, str]:
    return (
        detail.row if detail.row is not None else -1,
        detail.field,
        detail.column,
        detail.message,
    )


class NotFound(ApplicationError):
    """What was asked for does not exist in this place (404)."""

    status_code = 404


class PermissionDenied(ApplicationError, DjangoPermissionDenied):
    """The person may not do this here (403).

    It is also Django's own ``PermissionDenied``, so a view that lets it through answers 403
    with no translation of its own, as the admin and Django's decorators expect.
    """

    status_code = 403
