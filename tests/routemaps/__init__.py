"""Tests of the routemaps app."""
