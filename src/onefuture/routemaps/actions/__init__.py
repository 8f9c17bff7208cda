"""The routemaps' multi-step operations as action objects (``check()`` then ``execute()``).

Import from the module: ``from onefuture.routemaps.actions.updates import SubmitUpdate``.
"""
