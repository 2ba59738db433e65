"""A create the cloud refuses for a service quota: the run fails on that object alone with a
message that says what to do, keeps what it made, and finishes once the quota is raised.

The design declares no quota, so ``validate`` judges it by the published default while the
account (the emulator) has less: what happens when an account's quota is lower than privnet
knows."""

from __future__ import annotations

from pathlib import Path

from privnet.local.aws import AwsBehaviour
from privnet.local.ccloud import EmulatorSettings
from privnet.targets.inprocess import InProcessCloud
from tests.engine.local_cloud import seed_engine
from tests.scripts.generated import generator


def test_a_cluster_past_the_accounts_quota_fails_alone_and_resumes(tmp_path: Path) -> None:
    topology = generator().generated_topology(2, 3)
    settings = EmulatorSettings.instant(quotas={"kafka_clusters_per_environment": 2})
    with InProcessCloud(settings, AwsBehaviour()) as cloud:
        engine = seed_engine(topology, cloud.context(topology.stack, topology.region),
                             tmp_path / ".privnet")
        _, first = engine.apply()
        assert not first.ok
        failed = [line for line in first.problems() if line.startswith("failed:")]
        assert len(failed) == 1, first.problems()
        assert "confluent.cluster." in failed[0]
        assert "HTTP 402 (quota_exceeded)" in failed[0]
        assert "kafka_clusters_per_environment" in failed[0]
        assert "confluent.quotas" in failed[0]
        recorded = [a for a, r in engine.store.load().resources.items()
                    if r.kind == "confluent.cluster"]
        assert len(recorded) == 2  # what was made is kept, nothing else of the kind

        settings.quotas["kafka_clusters_per_environment"] = 20  # Support raised it
        _, second = engine.apply()
        assert second.ok, second.problems()
        assert not engine.plan().has_changes
