"""Rules of the pni domain."""
