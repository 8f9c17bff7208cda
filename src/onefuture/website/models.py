"""Models of the website app."""
