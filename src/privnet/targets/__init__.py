"""Where the clouds are: the real ones or the local cloud, and how to reach them.

Contexts (:mod:`privnet.targets.context`) hand handlers their clients: boto3 clients made one
way (:mod:`privnet.targets.aws_retries`), the Confluent clients, the transports and the
network-faithful gate of local runs. The engine never imports this package; the CLI builds a
context here and passes it in.
"""
