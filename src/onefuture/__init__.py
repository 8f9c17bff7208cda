"""onefuture: a platform for a council and its partners to run a long-term vision for a place."""

__version__ = "0.1.0"
