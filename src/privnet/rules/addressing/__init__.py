"""Rules of the addressing domain."""
