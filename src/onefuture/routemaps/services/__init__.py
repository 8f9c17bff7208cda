"""The routemaps' writes, one module per part; import from the module, never from here."""
