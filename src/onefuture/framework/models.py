"""Models of the framework app."""
