"""Reports: one document tree rendered to Word, PDF and (later) PowerPoint."""
