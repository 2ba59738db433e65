"""Rules of the keys domain."""
