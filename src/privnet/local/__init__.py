"""The embedded local cloud: AWS (moto with its gaps closed) and a Confluent Cloud emulator."""
