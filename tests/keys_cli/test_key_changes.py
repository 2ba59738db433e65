"""What apply says about keys comes from the rings before and after: created, deleted, only
rings whose keys changed, and a stack with no state before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privnet.engine.state import ResourceState, State
from privnet.render.key_changes import KeyChange, key_change_line, key_changes

RING = "confluent.api_key.app.events"


def _state(rings: dict[str, list[str]], other: bool = True) -> State:
    resources = {address: ResourceState("confluent.api_key", {
        "id": ids[-1] if ids else None,
        "keys": [{"id": i, "created_at": "2027-01-01T00:00:00+00:00", "synced": True}
                 for i in ids]}) for address, ids in rings.items()}
    if other:  # a record of another kind with keys-like attributes is never counted
        resources["aws.vpc.x"] = ResourceState("aws.vpc", {"keys": [{"id": "vpc-key"}]})
    return State(stack="s", lineage="l", resources=resources)


def test_a_rotation_with_a_prune() -> None:
    changes = key_changes(_state({RING: ["k1", "k2"]}), _state({RING: ["k2", "k3"]}))
    assert changes == [KeyChange(RING, ("k3",), ("k1",))]
    assert key_change_line(changes[0]) == f"keys: {RING} created k3, deleted k1"


def test_first_apply_and_destroy() -> None:
    assert key_changes(None, _state({RING: ["k1"]})) == [KeyChange(RING, ("k1",), ())]
    gone = key_changes(_state({RING: ["k1"]}), _state({}, other=False))
    assert gone == [KeyChange(RING, (), ("k1",))]
    assert key_change_line(gone[0]) == f"keys: {RING} deleted k1"


ids = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), unique=True, max_size=4)


@given(st.dictionaries(st.sampled_from([RING, "confluent.api_key.b.sr"]), ids),
       st.dictionaries(st.sampled_from([RING, "confluent.api_key.b.sr"]), ids))
def test_changes_account_for_every_key(before: dict[str, list[str]],
                                       after: dict[str, list[str]]) -> None:
    found = {c.address: c for c in key_changes(_state(before), _state(after))}
    for address in set(before) | set(after):
        was, now = set(before.get(address, [])), set(after.get(address, []))
        change = found.get(address)
        if was == now:
            assert change is None
        else:
            assert change is not None
            assert set(change.created) == now - was and set(change.deleted) == was - now
