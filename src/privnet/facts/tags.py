"""The tags privnet puts on every AWS object it creates (and on Secrets Manager secrets):
how a lost state still finds the stack's objects, and how verify names them."""

from __future__ import annotations

STACK_TAG = "privnet:stack"
ADDRESS_TAG = "privnet:address"
NAME_TAG = "Name"
