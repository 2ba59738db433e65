"""Which network verify reads by default, and the Confluent facts an applied state gives it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from privnet.cli.verify_cmd import VerifyInputError, applied_resources, choose_source
from privnet.engine.state import ResourceState, State, StateStore
from privnet.reach.snapshot import ClusterFacts, NetworkSnapshot
from privnet.reach.state_facts import endpoint_host, with_state_facts
from privnet.topology import load_spec
from privnet.topology.model import Target, Topology
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"
DOMAIN = "us-east-1.aws.private.confluent.cloud"
APPLIED = {"confluent.cluster.sandbox": {"id": "lkc-abc123"}}


@pytest.fixture(scope="module")
def topology() -> Topology:
    return load_spec(SEED).topology


def running() -> bool:
    return True


def stopped() -> bool:
    return False


def test_auto_reads_the_local_cloud_only_when_the_stack_is_applied_there(
        topology: Topology) -> None:
    assert choose_source("auto", topology, APPLIED, None, running)[0] == "aws"
    source, why = choose_source("auto", topology, {}, None, running)
    assert source == "plan" and "no applied state" in why
    source, why = choose_source("auto", topology, APPLIED, None, stopped)
    assert source == "plan" and "not running" in why
    cloud = topology.model_copy(update={"target": Target.CLOUD})
    assert choose_source("auto", cloud, APPLIED, None, running)[0] == "plan"


def test_explicit_choices_win(topology: Topology) -> None:
    assert choose_source("plan", topology, APPLIED, None, running) == ("plan", "as asked")
    assert choose_source("aws", topology, {}, None, stopped) == ("aws", "as asked")
    assert choose_source("auto", topology, {}, "http://127.0.0.1:5000", stopped)[0] == "aws"
    with pytest.raises(VerifyInputError, match="--source must be one of"):
        choose_source("live", topology, {}, None, running)


def test_applied_resources_skip_pending_records(topology: Topology, tmp_path: Path) -> None:
    assert applied_resources(topology, tmp_path) == {}
    store = StateStore(topology.stack, tmp_path)
    state = State(stack=topology.stack, lineage="l", resources={
        "confluent.cluster.sandbox": ResourceState("confluent.cluster", {"id": "lkc-1"}, "h",
                                                   {}, [], pending=False),
        "confluent.cluster.shared": ResourceState("confluent.cluster", {"id": "lkc-2"}, "h",
                                                  {}, [], pending=True)})
    store.write(state)
    assert applied_resources(topology, tmp_path) == {"confluent.cluster.sandbox": {"id": "lkc-1"}}


def test_unreadable_state_is_bad_input(topology: Topology, tmp_path: Path) -> None:
    directory = tmp_path / topology.stack
    directory.mkdir()
    (directory / "state.json").write_text("{not json")
    with pytest.raises(VerifyInputError, match="is damaged"):
        applied_resources(topology, tmp_path)


def test_endpoint_hosts() -> None:
    assert endpoint_host(f"https://lkc-1.{DOMAIN}:443") == f"lkc-1.{DOMAIN}"
    assert endpoint_host(f"LKC-1.{DOMAIN}:9092") == f"lkc-1.{DOMAIN}"
    assert endpoint_host("") == ""


def test_state_facts_replace_stand_ins() -> None:
    stand_in = ClusterFacts("lkc-fake", "sandbox", f"lkc-fake.{DOMAIN}", f"lkc-fake.{DOMAIN}",
                            True, DOMAIN, ("use1-az1",))
    other = ClusterFacts("lkc-other", "shared", f"lkc-other.{DOMAIN}", f"lkc-other.{DOMAIN}",
                         True, DOMAIN)
    real_domain = "us-east-1.aws.private.confluent.cloud.example"
    snapshot = NetworkSnapshot(clusters=(stand_in, other))
    updated = with_state_facts(snapshot, {"confluent.cluster.sandbox": {
        "id": "lkc-real", "rest_endpoint": f"https://lkc-real.{real_domain}:443",
        "bootstrap_endpoint": f"lkc-real.{real_domain}:9092"}}, "stack")
    sandbox, shared = updated.clusters
    assert (sandbox.id, sandbox.rest, sandbox.bootstrap, sandbox.dns_domain) == (
        "lkc-real", f"lkc-real.{real_domain}", f"lkc-real.{real_domain}", real_domain)
    assert sandbox.zones == ("use1-az1",) and shared == other
    assert updated.notes == ("cluster ids and endpoints from the state of stack stack: "
                             "sandbox (lkc-real)",)
    assert with_state_facts(snapshot, {}, "stack") is snapshot


def test_cli_says_which_source_it_used(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "privnet.cli.main", "verify", str(SEED), "--state-dir",
         str(tmp_path), "--from", "runner", "--to", "sandbox"],
        capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "verify: source plan (stack privatelink-cluster-linking has no applied state)" in (
        result.stderr)
    bad = subprocess.run(
        [sys.executable, "-m", "privnet.cli.main", "verify", str(SEED), "--source", "live"],
        capture_output=True, text=True, check=False, cwd=tmp_path)
    said = " ".join(bad.stderr.replace("│", " ").split())  # unwrapped from click's error box
    assert bad.returncode == 2 and "'live' is not one of 'auto', 'plan', 'aws'" in said
    assert "Traceback" not in bad.stderr
