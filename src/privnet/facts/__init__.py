"""Facts several rooms rely on, each written once: tag keys, Confluent's private DNS names,
how DNS names are spelled for comparison. Standard library only, importable from anywhere."""
