"""Rules of the cluster link domain."""
