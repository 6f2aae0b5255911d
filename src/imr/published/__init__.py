"""published stage."""
