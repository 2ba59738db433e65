"""Rules of the flink domain."""
