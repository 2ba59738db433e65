"""Plan mode judges the Client VPN endpoint the file declares, which privnet does not create:
it must say so, since live verify finds no endpoint until someone makes one."""

from __future__ import annotations

from pathlib import Path

import yaml

from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.topology import load_spec_text
from tests.conftest import EXAMPLES


def _notes(data: dict[str, object]) -> list[str]:
    return list(snapshot_from_graph(load_spec_text(yaml.safe_dump(data)).topology).notes)


def test_plan_mode_notes_that_the_client_vpn_endpoint_is_assumed() -> None:
    seed = yaml.safe_load(Path(EXAMPLES / "privatelink-cluster-linking.yaml").read_text())
    vpn = seed["aws"]["hub"]["vpn_vpc"]["name"]
    [note] = [n for n in _notes(seed) if "Client VPN" in n]
    assert "assumed as declared" in note and "does not create" in note and vpn in note


def test_no_vpn_vpc_no_client_vpn_note() -> None:
    seed = yaml.safe_load(Path(EXAMPLES / "privatelink-cluster-linking.yaml").read_text())
    del seed["aws"]["hub"]["vpn_vpc"]
    notes = _notes(seed)
    assert not [n for n in notes if "Client VPN" in n]
