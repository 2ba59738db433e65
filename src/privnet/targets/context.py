"""Where handlers send their calls: the in-process local cloud, a local server, or the clouds.

The three contexts differ only in endpoints and transports; handlers are the same code.
Credentials come from the environment (boto3's default chain; ``CONFLUENT_CLOUD_API_KEY`` and
``CONFLUENT_CLOUD_API_SECRET``), never from command-line flags.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from privnet.engine.errors import ConfigurationError

if TYPE_CHECKING:
    from privnet.reach.gate import NetworkGate
    from privnet.topology.model import Topology

CONFLUENT_KEY_ENV = "CONFLUENT_CLOUD_API_KEY"
CONFLUENT_SECRET_ENV = "CONFLUENT_CLOUD_API_SECRET"
CONFLUENT_URL_ENV = "CONFLUENT_CLOUD_URL"


@dataclass
class CloudContext:
    """A :class:`~privnet.providers.base.ProviderContext`: endpoints plus cached clients.

    ``aws_endpoint`` is None for real AWS; ``transport`` is None for real HTTP. Clients are
    built lazily under a lock (boto3 sessions are not thread-safe, its clients are).
    """

    stack: str
    region: str
    confluent_url: str
    confluent_key: str
    confluent_secret: str = field(repr=False)
    aws_endpoint: str | None = None
    aws_credentials: Mapping[str, str] | None = field(default=None, repr=False)
    transport_factory: Callable[[], Any] | None = None
    network_gate: NetworkGate | None = field(default=None, repr=False)
    """The reachability gate of a network-faithful local run (None elsewhere)."""
    _clients: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _session: Any = field(default=None, init=False, repr=False)

    def aws(self, service: str) -> Any:
        with self._lock:
            client = self._clients.get(f"aws:{service}")
            if client is None:
                from privnet.targets.aws_retries import aws_client

                client = aws_client(self._boto_session(), service, self.region,
                                    self.aws_endpoint)
                self._clients[f"aws:{service}"] = client
            return client

    def aws_probe(self, service: str, **config: Any) -> tuple[Any, str | None]:
        """A fresh client with ``config`` (short timeouts, for a preflight check) and where
        its credentials come from (``env``, ``shared-credentials-file``...; None: nowhere)."""
        from privnet.targets.aws_retries import aws_client

        with self._lock:
            session = self._boto_session()
            credentials = session.get_credentials()
            client = aws_client(session, service, self.region, self.aws_endpoint, **config)
        return client, None if credentials is None else str(credentials.method)

    def confluent_probe(self, timeout: float) -> Any:
        """A fresh control-plane client with ``timeout`` (the caller closes it)."""
        from privnet.providers.confluent.client import ConfluentCloud

        return ConfluentCloud(self.confluent_url, self.confluent_key, self.confluent_secret,
                              transport=self._transport(), timeout=timeout)

    def confluent(self) -> Any:
        from privnet.providers.confluent.client import ConfluentCloud

        if not self.confluent_key or not self.confluent_secret:
            raise ConfigurationError(
                f"set {CONFLUENT_KEY_ENV} and {CONFLUENT_SECRET_ENV} in the environment "
                "(a Confluent Cloud API key with OrganizationAdmin or EnvironmentAdmin)")
        with self._lock:
            client = self._clients.get("confluent")
            if client is None:
                client = ConfluentCloud(self.confluent_url, self.confluent_key,
                                        self.confluent_secret, transport=self._transport())
                self._clients["confluent"] = client
            return client

    def kafka_rest(self, rest_endpoint: str, api_key: str, api_secret: str) -> Any:
        from privnet.providers.confluent.kafka_rest import KafkaRest

        return KafkaRest(rest_endpoint, api_key, api_secret, transport=self._transport())

    def endpoint_problem(self, host: str, port: int) -> str | None:
        """Why a data-plane call to ``host:port`` would not get through from here (None: it
        would, or it cannot be told): the gate of a network-faithful local run, sockets on
        the real clouds; a local cloud without a gate does not model reach."""
        if self.network_gate is not None:
            from botocore.exceptions import BotoCoreError, ClientError

            try:
                refusal = self.network_gate.check(host, port)
            except (BotoCoreError, ClientError):
                return None  # the network could not be read: the steps decide, as before
            return None if refusal is None else refusal.reason
        if self.transport_factory is not None:
            return None
        from privnet.targets.endpoint_reach import socket_problem

        return socket_problem(host, port)

    def close(self) -> None:
        with self._lock:
            for name, client in self._clients.items():
                if name == "confluent":
                    client.close()
            self._clients.clear()

    def _transport(self) -> Any:
        return self.transport_factory() if self.transport_factory is not None else None

    def _boto_session(self) -> Any:
        if self._session is None:
            import boto3

            credentials = dict(self.aws_credentials or {})
            self._session = boto3.session.Session(**credentials)
        return self._session


def real_context(stack: str, region: str, environ: Mapping[str, str] | None = None) -> CloudContext:
    """The real clouds: boto3's default credential chain and Confluent keys from the env."""
    from privnet.providers.confluent.client import DEFAULT_BASE_URL

    env = os.environ if environ is None else environ
    # Missing keys are named by the preflight check (with AWS's state), or by the first
    # Confluent call when a command runs without it.
    key, secret = env.get(CONFLUENT_KEY_ENV, ""), env.get(CONFLUENT_SECRET_ENV, "")
    url = env.get(CONFLUENT_URL_ENV, DEFAULT_BASE_URL)
    return CloudContext(stack=stack, region=region, confluent_url=url, confluent_key=key,
                        confluent_secret=secret)


def local_server_context(stack: str, region: str,
                         topology: Topology | None = None) -> CloudContext:
    """The user's local cloud servers (started on demand by ``privnet.local.cloud``; one per
    user, shared by every stack and directory).

    With a ``topology``, data-plane calls are network-faithful: they get through only when
    the topology's runner location can resolve and reach the endpoint in the local AWS now.
    """
    from privnet.local.cloud import ensure_running

    endpoints = ensure_running()
    if endpoints.confluent_url is None:
        raise ConfigurationError("the local Confluent Cloud emulator is not available")
    from privnet.targets.local_routing import EmulatorRoutingTransport

    aws = endpoints.aws_credentials()
    key, secret = endpoints.confluent_credentials()
    routing = EmulatorRoutingTransport(endpoints.confluent_url)
    context = CloudContext(stack=stack, region=region, confluent_url=endpoints.confluent_url,
                           confluent_key=key, confluent_secret=secret,
                           aws_endpoint=aws["endpoint_url"],
                           aws_credentials={"aws_access_key_id": aws["aws_access_key_id"],
                                            "aws_secret_access_key":
                                                aws["aws_secret_access_key"]},
                           transport_factory=lambda: routing)
    if topology is not None:
        from privnet.targets.local_gate import as_routing_gate, network_gate, server_version

        gate = network_gate(topology, context.aws,
                            server_version(aws["endpoint_url"], context.aws_credentials))
        gated = EmulatorRoutingTransport(endpoints.confluent_url, gate=as_routing_gate(gate))
        context.transport_factory = lambda: gated
        context.network_gate = gate
    return context
