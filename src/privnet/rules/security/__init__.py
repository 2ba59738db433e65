"""Rules of the security domain."""
