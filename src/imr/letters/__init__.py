"""letters stage."""
