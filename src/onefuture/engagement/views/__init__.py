"""Engagement views."""
