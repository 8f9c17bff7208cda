"""Engagement pages."""
