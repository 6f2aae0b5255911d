"""items stage."""
