"""What names an object in its cloud, as far as its recorded attributes tell.

Most objects have an id (or an ARN). Some have none of their own: a route is the pair of its
route table and destination, a Transit Gateway association the pair of its table and
attachment. For those, the properties the kind cannot change in place (its ``replace_on``
trait) name the object, when the attributes hold them all. Discovery uses this never to
adopt an object the state records under another address; ``state rm`` and ``import`` use it
to speak of an object without an id.
"""

from __future__ import annotations

from privnet.providers.base import AnyHandler, Attributes, declared_traits

Identity = tuple[str, tuple[tuple[str, str], ...]]
"""A kind and what names one of its objects in its cloud."""


def identity(kind: str, attributes: Attributes,
             handler: AnyHandler | None = None) -> Identity | None:
    """What names the object in its cloud: its ``id`` (or ``arn``); for a kind whose objects
    have none (a route: found by its table and destination), the values of the properties
    it cannot change in place, when the attributes hold them all. None: nothing known."""
    for key in ("id", "arn"):
        if attributes.get(key):
            return kind, ((key, str(attributes[key])),)
    naming = sorted(declared_traits(handler, kind).replace_on)
    if not naming or any(attributes.get(name) in (None, "") for name in naming):
        return None
    return kind, tuple((name, str(attributes[name])) for name in naming)


def has_own_id(attributes: Attributes) -> bool:
    """Whether the attributes carry an id (or ARN) the cloud gives the object."""
    return any(attributes.get(key) for key in ("id", "arn"))


def described(kind: str, attributes: Attributes, handler: AnyHandler | None = None) -> str:
    """The object in words: its id, else what names it (``route_table_id rtb-1,
    destination_cidr 10.0.0.0/20``), else that nothing does."""
    named = identity(kind, attributes, handler)
    if named is None:
        return "(nothing recorded names it)"
    return ", ".join(value if key in ("id", "arn") else f"{key} {value}"
                     for key, value in named[1])


def a_kind(kind: str) -> str:
    """``kind`` with its article, as a message says it: "an aws.vpc", "a confluent.topic"."""
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"
