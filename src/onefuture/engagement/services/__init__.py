"""Engagement services."""
