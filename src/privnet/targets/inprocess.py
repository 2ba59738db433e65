"""The whole local cloud inside this process: moto's ``mock_aws`` and the Confluent emulator.

Used by tests and benchmarks: nothing listens on a port, nothing outlives the process, and
the emulator is reached through an in-memory transport. The context it hands out is the same
:class:`CloudContext` the real clouds use, with a different endpoint and transport.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from privnet.targets.asgi_transport import SyncAsgiTransport
from privnet.targets.context import CloudContext

if TYPE_CHECKING:
    from privnet.topology.model import Topology

LOCAL_AWS_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing",
                         "aws_session_token": "testing"}


class InProcessCloud:
    """Start with ``with InProcessCloud() as cloud:``; ``cloud.context(stack, region)``, or
    ``cloud.context(stack, region, topology)`` for a network-faithful data plane."""

    def __init__(self, settings: Any = None, behaviour: Any = None) -> None:
        self._settings = settings
        self._behaviour = behaviour
        self._mock: Any = None
        self.transport: SyncAsgiTransport | None = None
        self.app: Any = None

    def start(self) -> InProcessCloud:
        from moto import mock_aws

        from privnet.local.aws import apply_patches
        from privnet.local.ccloud import EmulatorSettings, create_app

        self._mock = mock_aws()
        self._mock.start()
        apply_patches(self._behaviour)
        settings = self._settings if self._settings is not None else EmulatorSettings.instant()
        self._settings = settings
        self.app = create_app(settings)
        self.transport = SyncAsgiTransport(self.app)
        return self

    def stop(self) -> None:
        if self.transport is not None:
            self.transport.shutdown()
            self.transport = None
        if self._mock is not None:
            self._mock.stop()
            self._mock = None

    def context(self, stack: str, region: str, topology: Topology | None = None) -> CloudContext:
        """With a ``topology``, data-plane calls are network-faithful: they get through only
        when the topology's runner location can resolve and reach the endpoint in moto now."""
        if self.transport is None:
            raise RuntimeError("the in-process cloud is not started")
        transport = self.transport
        context = CloudContext(stack=stack, region=region,
                               confluent_url=self._settings.base_url,
                               confluent_key=self._settings.api_key,
                               confluent_secret=self._settings.api_secret,
                               aws_credentials=LOCAL_AWS_CREDENTIALS,
                               transport_factory=lambda: transport)
        if topology is not None:
            from privnet.targets.local_gate import as_routing_gate, in_process_version, network_gate
            from privnet.targets.local_routing import EmulatorRoutingTransport

            gate = network_gate(topology, context.aws, in_process_version)
            gated = EmulatorRoutingTransport(self._settings.base_url, transport,
                                             as_routing_gate(gate))
            context.transport_factory = lambda: gated
            context.network_gate = gate
        return context

    def __enter__(self) -> InProcessCloud:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()
