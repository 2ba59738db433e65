"""Mirror topics: created through a link, ready when ACTIVE, deleted as a topic."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.data_plane import (
    Located,
    already_exists,
    cluster_path,
    get_object,
    location,
    rest_client,
)
from privnet.providers.confluent.errors import BadRequestError, NotFoundError
from privnet.providers.confluent.phase_failure import failure_detail
from privnet.resources.kinds.confluent_data import MIRROR, MirrorProperties

DELIBERATE_STATES = frozenset({"PAUSED", "LINK_PAUSED", "STOPPED", "PENDING_STOPPED"})
"""kafkarest-v3 MirrorTopicStatus values an operator sets on purpose: paused (by hand or with
its link) or stopped (promoted / failed over). A new mirror never leaves them by itself, so
they fail its create; a mirror found in one on a later run is left as it is (``settled``)."""
FAILED_STATES = frozenset({"FAILED", "SOURCE_UNAVAILABLE", "LINK_FAILED"}) | DELIBERATE_STATES
SHOW_ERRORS = {"include_state_transition_errors": "true"}
"""Without this query flag kafkarest-v3 leaves the mirror's transition errors out."""


def _why(mirror: Mapping[str, Any]) -> str:
    """The service's own reason: transition errors, else the mirror topic error."""
    errors = mirror.get("mirror_state_transition_errors") or []
    texts = [str(e.get("error_message") or e.get("error_code")) for e in errors
             if isinstance(e, dict)]
    if mirror.get("mirror_topic_error") not in (None, "", "NO_ERROR", "NOT_SET"):
        texts.append(str(mirror["mirror_topic_error"]))
    return "; ".join(texts)


def _attrs(values: Located, mirror: Mapping[str, Any]) -> Attributes:
    name = str(values["mirror_topic_name"])
    return {"id": f"{values['cluster_id']}/{name}", "link_name": values["link_name"],
            "mirror_topic_name": name, "source_topic_name": values.get("source_topic_name"),
            "mirror_status": mirror.get("mirror_status"), **location(values)}


def _get(ctx: ProviderContext, values: Located) -> dict[str, Any] | None:
    """The mirror as its cluster reports it (``values``: properties or recorded attributes)."""
    return get_object(ctx, values, "links", str(values["link_name"]), "mirrors",
                      str(values["mirror_topic_name"]), params=SHOW_ERRORS)


def _found(ctx: ProviderContext, values: Located) -> Attributes | None:
    mirror = _get(ctx, values)
    return None if mirror is None else _attrs(values, mirror)


class MirrorHandler(HandlerBase[MirrorProperties]):
    kind = MIRROR

    def find(self, ctx: ProviderContext, address: str,
             properties: MirrorProperties) -> Attributes | None:
        return _found(ctx, properties)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return _found(ctx, attributes)

    def create(self, ctx: ProviderContext, address: str,
               properties: MirrorProperties) -> Attributes:
        body = {"source_topic_name": properties["source_topic_name"],
                "mirror_topic_name": properties["mirror_topic_name"]}
        try:
            rest_client(ctx, properties).post(
                cluster_path(properties, "links", str(properties["link_name"]), "mirrors"), body)
        except BadRequestError as exc:
            if not already_exists(exc) or (found := self.find(ctx, address, properties)) is None:
                raise
            return found
        return _attrs(properties, {})

    def update(self, ctx: ProviderContext, address: str, properties: MirrorProperties,
               attributes: Attributes) -> Attributes:
        """An existing mirror paused or stopped on purpose is recorded as it is: privnet
        neither resumes nor fails it (a promote after a disaster must not break applies)."""
        found = self.find(ctx, address, properties)
        if found is None:
            return attributes
        if found.get("mirror_status") in DELIBERATE_STATES:
            found["settled"] = True
        return found

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        """There is no mirror DELETE: the mirror topic is deleted."""
        try:
            rest_client(ctx, attributes).delete(
                cluster_path(attributes, "topics", str(attributes["mirror_topic_name"])))
        except NotFoundError:
            return

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        mirror = _get(ctx, attributes)
        if mirror is None:
            return Readiness(False, "mirror not visible yet")
        status = str(mirror.get("mirror_status") or "")
        fresh = _attrs(attributes, mirror)
        if status == "ACTIVE":
            return Readiness(True, status, fresh)
        if attributes.get("settled") and status in DELIBERATE_STATES:
            return Readiness(True, f"{status} (found so; left as it is)",
                             {**fresh, "settled": True})
        if status in FAILED_STATES:
            subject = f"mirror {attributes['mirror_topic_name']} on {attributes['cluster_id']}"
            return Readiness(False, failure_detail(subject, status, _why(mirror)), fresh,
                             failed=True)
        return Readiness(False, status or "pending", fresh)
