"""One handler per resource kind, for AWS (boto3) and Confluent Cloud (httpx)."""
