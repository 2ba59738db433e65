"""QUOTA-*: the AWS and Confluent Cloud quotas a design can exceed, counted as apply builds."""
