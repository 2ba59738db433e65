"""Small topologies built in code for the network rule tests (addressing, DNS, routing, ...)."""

from __future__ import annotations

import textwrap

from privnet.rules import Finding, validate
from privnet.rules.base import RuleContext
from privnet.topology import load_spec_text

HEADER = """\
stack: t
runner: {{location: {runner}}}
confluent:
  environment: {{name: env}}
  connectivity:
    privatelink_attachments: [{{name: platt}}]
  clusters:
    - {{name: orders, connectivity: platt, availability: {availability}}}
"""

APP = """\
- name: app
  cidr: 10.0.0.0/20
  subnets:
    - {az_id: use1-az1, cidr: 10.0.0.0/24}
    - {az_id: use1-az2, cidr: 10.0.1.0/24}
    - {az_id: use1-az3, cidr: 10.0.2.0/24}
  endpoint: {connectivity: platt}
"""


def topology(aws: str, runner: str = "app", availability: str = "HIGH") -> str:
    """A one-PLATT, one-cluster stack around the given ``aws:`` body (dedented YAML)."""
    body = textwrap.indent(textwrap.dedent(aws).strip("\n"), "  ")
    return HEADER.format(runner=runner, availability=availability) + "aws:\n" + body + "\n"


def vpcs(*entries: str) -> str:
    """An ``aws.vpcs`` list from list items (``- name: ...``) written at column 0."""
    items = "".join(textwrap.dedent(e).strip("\n") + "\n" for e in entries)
    return "vpcs:\n" + textwrap.indent(items, "  ")


def findings(text: str, rule_id: str) -> list[Finding]:
    spec = load_spec_text(text, "test.yaml")
    every = validate(spec)
    assert [f for f in every if f.rule == "RULE-CRASH"] == []
    return [f for f in every if f.rule == rule_id]


def context(text: str) -> RuleContext:
    return RuleContext.of(load_spec_text(text, "test.yaml").topology)
