"""The behaviour settings travel to a server process through its environment."""

from __future__ import annotations

import pytest

from privnet.errors import PrivnetError
from privnet.local.aws.behaviour import AwsBehaviour


def test_round_trip_through_the_environment() -> None:
    behaviour = AwsBehaviour(fault_rate=0.25, fault_seed=9, vpc_endpoint_ready_seconds=3.5,
                             route53_change_seconds=1.5)
    assert AwsBehaviour.from_env(behaviour.to_env()) == behaviour


def test_absent_environment_means_off() -> None:
    assert AwsBehaviour.from_env({}) == AwsBehaviour()


@pytest.mark.parametrize("env", [{"PRIVNET_LOCAL_AWS_FAULT_RATE": "lots"},
                                 {"PRIVNET_LOCAL_AWS_FAULT_RATE": "1.5"},
                                 {"PRIVNET_LOCAL_AWS_VPCE_READY_SECONDS": "-1"}])
def test_bad_values_are_clear_errors(env: dict[str, str]) -> None:
    with pytest.raises(PrivnetError):
        AwsBehaviour.from_env(env)
