"""The base of every action object: one operation, its checks, and its writes in one transaction.

Modelled on Wagtail's actions (``wagtail/actions/base.py`` and ``publish_revision.py``): an
action is built with what it acts on and who acts, :meth:`Action.check` raises if it may not
happen (the person's right, object by object, then the object's state), and
:meth:`Action.execute` runs ``check()`` and the writes inside one transaction, so a view, the
bulk importer, the CLI and a test all go through the same rules::

    action = SubmitUpdate(user=request.user, place=site.place, milestone=m, status="off_track")
    if action.allowed():          # what a page asks to decide whether to show the button
        ...
    update = action.execute()     # raises PermissionDenied or ApplicationError, or writes

What we kept from Wagtail: the split of ``check`` and ``execute``, ``execute`` calling
``check`` itself (no caller can forget it), one class per operation, an action calling another
(approving calls :class:`~onefuture.routemaps.actions.updates.PublishUpdate`, as Wagtail's
workflow calls its publish action). What we changed: the permission is the project's one check
(:func:`onefuture.core.permissions.permission_check`, asked about the object), state problems are
:class:`~onefuture.core.errors.ApplicationError` with the field they concern, and the whole of
``execute`` is atomic (Wagtail leaves transactions to its callers). ``user=None`` is the system
acting (a command run by the operator), which skips the permission check as Wagtail's does
without a user, never the state checks.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import transaction

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.core.permissions import permission_check


class Action:
    """One operation on the routemaps' records: :meth:`check`, then :meth:`execute`.

    A subclass sets :attr:`permission` (a registered permission action) and implements
    :meth:`permission_object` (what the permission is asked about), :meth:`check_state`
    (raise :class:`ApplicationError` naming the field or the period) and :meth:`perform` (the
    writes, through the services; it runs inside the transaction, after ``check()``).
    """

    #: The permission action (``onefuture.core.permissions``) the person needs for the object.
    permission: ClassVar[str | None] = None
    #: What the action does, in words for messages and the ADR ("submit an update").
    verb: ClassVar[str] = ""

    def __init__(self, *, user: Any, place: Any) -> None:
        self.user = user
        self.place = place

    def permission_object(self) -> Any:
        """The object the permission is checked on (None: a place-wide right)."""
        return None

    def check_permission(self) -> None:
        """Raise ``PermissionDenied`` unless the person may do this to this object."""
        if self.user is None or self.permission is None:
            return
        permission_check(
            user=self.user, action=self.permission, place=self.place, obj=self.permission_object()
        )

    def check_state(self) -> None:
        """Raise :class:`ApplicationError` if the object's state does not allow the action."""

    def check(self, *, skip_permission_checks: bool = False) -> None:
        """Raise if the action may not happen: first the person's right, then the state."""
        if not skip_permission_checks:
            self.check_permission()
        self.check_state()

    def allowed(self) -> bool:
        """Whether :meth:`check` passes (for a page deciding what to offer; never for writes)."""
        try:
            self.check_permission()
        except PermissionDenied:
            return False
        try:
            self.check_state()
        except ApplicationError:
            return False
        return True

    def perform(self) -> Any:
        """The writes (subclasses; called by :meth:`execute` inside its transaction)."""
        raise NotImplementedError

    def execute(self, *, skip_permission_checks: bool = False) -> Any:
        """Check, then perform, in one transaction: everything is written or nothing is."""
        with transaction.atomic():
            self.check(skip_permission_checks=skip_permission_checks)
            return self.perform()
