"""Rules of the confluent domain."""
