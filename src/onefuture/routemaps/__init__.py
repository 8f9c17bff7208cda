"""Routemaps, delivery plans, milestones, their updates and partners' commitments (issue 9).

The plan (horizons, routemaps, milestones, delivery plans) is part of the place's framework file;
what happens to it (updates, their review, reporting periods, commitments, comments) are records
with history, written only through :mod:`onefuture.routemaps.services` and the action objects of
:mod:`onefuture.routemaps.actions`.
"""
