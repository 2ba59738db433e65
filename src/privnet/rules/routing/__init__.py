"""Rules of the routing domain."""
