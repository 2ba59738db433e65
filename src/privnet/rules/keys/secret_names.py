"""KEYS-004: every Secrets Manager name privnet writes for the topology is unique and valid.

The names come from :func:`privnet.keys.layout.client_secret_names`, so the rule checks the
layout privnet really writes, not a copy of it. AWS's constraint on a secret name (CreateSecret,
``Name``: ASCII letters, digits and ``/_+=.@-``, 1 to 512 characters; and the advice not to end
a name with a hyphen followed by six characters, because Secrets Manager appends ``-`` and six
random characters to the ARN and partial-ARN look-ups then become ambiguous):
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
(the same text is in the SDK reference of ``CreateSecretRequest.name``,
https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/secretsmanager/aws.sdk.kotlin.services.secretsmanager.model/-create-secret-request/name.html).
AWS does not refuse such a suffix, so that finding is a warning; the others are errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from privnet.keys.layout import (
    client_secret_names,
    key_secret_prefix,
    root_path,
    vpc_secret_prefix,
)
from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.model import Topology
from privnet.topology.source_map import DocPath

MAX_NAME_LENGTH = 512
_ALLOWED = re.compile(r"[A-Za-z0-9/_+=.@-]")
_ARN_SUFFIX_LOOKALIKE = re.compile(r"-.{6}\Z", re.DOTALL)

Layout = Callable[[str, str, str], Mapping[str, str]]
"""(root, resource, account) -> client format -> secret name."""


@dataclass(frozen=True)
class _Written:
    """One client secret name and the API key entry it is written for."""

    name: str
    account: str
    resource: str
    path: DocPath
    is_layout: bool
    """The first name of its pair: the one whose ``/keys/`` prefix holds per-key secrets."""

    @property
    def where(self) -> str:
        _, _, s, _, k = self.path
        return f"confluent.service_accounts[{s}].api_keys[{k}]"

    def owner(self) -> str:
        return f"service account {self.account} (key on {self.resource}, {self.where})"


def _written(topology: Topology, layout: Layout) -> list[_Written]:
    root = root_path(topology.aws.secrets.root_path, topology.stack)
    found: list[_Written] = []
    for s, account in enumerate(topology.confluent.service_accounts):
        seen: set[str] = set()
        for k, resource in enumerate(account.api_keys):
            if resource in seen:
                continue  # the same pair twice is KEYS-003's finding
            seen.add(resource)
            names = list(layout(root, resource, account.name).values())
            found.extend(
                _Written(name, account.name, resource,
                         ("confluent", "service_accounts", s, "api_keys", k), i == 0)
                for i, name in enumerate(names))
    return found


def _clash_fix(first: _Written, second: _Written) -> str:
    accounts = sorted({first.account, second.account})
    resources = sorted({first.resource, second.resource})
    return (f"rename one of the service accounts ({', '.join(accounts)}) or the cluster "
            f"({', '.join(resources)}) so that each key gets its own secret name")


def _clashes(written: list[_Written]) -> Iterator[Violation]:
    by_name: dict[str, _Written] = {}
    for item in written:
        earlier = by_name.get(item.name)
        if earlier is None:
            by_name[item.name] = item
            continue
        yield Violation(
            item.path,
            f"secret name {item.name} would be written for both {earlier.owner()} and "
            f"{item.owner()}",
            fix=_clash_fix(earlier, item),
        )
    for owner in written:
        prefixes = [vpc_secret_prefix(owner.name)]
        if owner.is_layout:
            prefixes.append(key_secret_prefix(owner.name))
        for other in written:
            inside = next((p for p in prefixes if other.name.startswith(p)), None)
            if inside is None:
                continue
            yield Violation(
                other.path,
                f"secret name {other.name} of {other.owner()} lies under {inside}, where "
                f"privnet keeps the per-key and per-VPC secrets of {owner.owner()}; pruning "
                "those would delete it",
                fix=_clash_fix(owner, other),
            )


def _invalid(topology: Topology, written: list[_Written]) -> Iterator[Violation]:
    template = topology.aws.secrets.root_path
    root = root_path(template, topology.stack)
    bad_root = sorted({c for c in root if not _ALLOWED.fullmatch(c)})
    if bad_root:
        yield Violation(
            ("aws", "secrets", "root_path"),
            f"secrets root_path {template!r} contains {_shown(bad_root)}, which AWS Secrets "
            "Manager refuses in a secret name",
            fix="use only ASCII letters, digits and /_+=.@- in aws.secrets.root_path",
        )
    reported: set[str] = set()
    for item in written:
        if item.name in reported:
            continue
        reported.add(item.name)
        bad = sorted({c for c in item.name if not _ALLOWED.fullmatch(c)} - set(bad_root))
        if bad:
            yield Violation(
                item.path,
                f"secret name {item.name!r} of {item.owner()} contains {_shown(bad)}, which "
                "AWS Secrets Manager refuses",
                fix="name the cluster with ASCII letters, digits and /_+=.@- only",
            )
        if len(item.name) > MAX_NAME_LENGTH:
            yield Violation(
                item.path,
                f"secret name of {item.owner()} is {len(item.name)} characters; AWS Secrets "
                f"Manager accepts at most {MAX_NAME_LENGTH}",
                fix="shorten aws.secrets.root_path (or the account or cluster name)",
            )
        if _ARN_SUFFIX_LOOKALIKE.search(item.name):
            yield Violation(
                item.path,
                f"secret name {item.name} of {item.owner()} ends with a hyphen and six "
                "characters, like the suffix AWS appends to every secret ARN; finding it by "
                "partial ARN becomes ambiguous",
                fix=f"rename service account {item.account} so its name does not end with "
                    "'-' and six characters (an underscore works)",
                severity=Severity.WARNING,
            )


def _shown(chars: list[str]) -> str:
    return ", ".join(repr(c) for c in chars)


@dataclass(frozen=True)
class SecretNames:
    meta = RuleMeta(
        id="KEYS-004",
        title="Secrets Manager name clash or invalid name",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "Each (service account, resource) pair with an API key gets its own client secrets "
            "in Secrets Manager, with per-key secrets under `<name>/keys/` and per-VPC ones "
            "under `<name>/vpcs/`. Two pairs on one name, or a name inside another's per-key "
            "or per-VPC prefix, would overwrite or prune each other's credentials. AWS also "
            "refuses a name with characters other than ASCII letters, digits and /_+=.@- or "
            "longer than 512 characters; a name ending with a hyphen and six characters looks "
            "like the ARN suffix AWS appends, which is a warning."
        ),
        fix="rename one of the clashing accounts or clusters; keep aws.secrets.root_path to "
            "ASCII letters, digits and /_+=.@-",
    )
    layout: Layout = field(default=client_secret_names)

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        written = _written(ctx.topology, self.layout)
        yield from _clashes(written)
        yield from _invalid(ctx.topology, written)


RULE = SecretNames()
