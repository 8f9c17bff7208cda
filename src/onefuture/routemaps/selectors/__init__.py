"""The routemaps' reads, one module per part; import from the module, never from here."""
