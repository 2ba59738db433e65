"""One transient fault at a chosen call position, and the sweep that tries every position.

A :class:`FaultInjector` counts the cloud calls of one executor operation (every boto3 call,
every Confluent HTTP request) and answers the k-th with the cloud's own throttling shape:
EC2 ``RequestLimitExceeded`` (503), Route 53 ``Throttling`` (400), any other AWS service
``ThrottlingException`` (400), Confluent 429 with ``Retry-After``. Nothing reaches the cloud
for that call, exactly as with a real throttle. With ``after_effect`` the call is made and its
answer lost instead (Confluent: a 504 gateway timeout).

:func:`sweep_resource` works on one resource of an applied stack whose dependents are gone:
it counts the calls of a clean delete, create and (forced) update, then repeats each with the
fault at position 1..N, and after each one compares a full inventory of both clouds with the
clean run's: a retry that repeated a call that had taken effect leaves one object too many
(or, after a delete, one too many left behind).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from privnet.engine.backoff import FAST_POLICY
from privnet.engine.executor import Executor, RunResult
from privnet.engine.plan import Action, Change, Plan
from privnet.engine.state import State, StateStore
from privnet.engine.walk import Status
from privnet.providers.base import AnyHandler, observed_of
from privnet.resources.model import Resource, ResourceGraph
from privnet.targets.context import CloudContext

_AWS_SHAPES = {"ec2": ("RequestLimitExceeded", 503), "route53": ("Throttling", 400)}
_DEFAULT_SHAPE = ("ThrottlingException", 400)


class FaultInjector:
    """Counts calls while armed; the call at position ``fault_at`` (1-based) is throttled."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.armed = False
        self.fault_at: int | None = None
        self.calls: list[str] = []
        self.injected: str | None = None
        self.after_effect = False
        """Let the throttled call take effect and lose its answer (a reply that never came
        back) instead of refusing it before it reaches the cloud."""

    def arm(self, fault_at: int | None = None, after_effect: bool = False) -> None:
        with self._lock:
            self.armed, self.fault_at, self.calls, self.injected = True, fault_at, [], None
            self.after_effect = after_effect

    def disarm(self) -> list[str]:
        with self._lock:
            self.armed = False
            return list(self.calls)

    def hit(self, name: str) -> bool:
        """Count one call; True when this one is to be throttled."""
        with self._lock:
            if not self.armed:
                return False
            self.calls.append(name)
            if len(self.calls) == self.fault_at:
                self.injected = name
                return True
            return False


class _Http:
    """The little of a botocore HTTP response that ``_make_api_call`` looks at."""

    def __init__(self, status: int) -> None:
        self.status_code = status
        self.headers: dict[str, str] = {}
        self.content = b""
        self.text = ""
        self.raw = None


def _aws_hook(injector: FaultInjector,
              service: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    code, status = _AWS_SHAPES.get(service, _DEFAULT_SHAPE)

    parsed = {"Error": {"Code": code, "Message": "Rate exceeded (injected)"},
              "ResponseMetadata": {"HTTPStatusCode": status, "HTTPHeaders": {}}}
    lost: set[int] = set()

    def before_call(model: Any = None, context: Any = None, **_: Any) -> Any:
        name = f"{service}:{getattr(model, 'name', '?')}"
        if not injector.hit(name):
            return None
        if injector.after_effect:
            lost.add(id(context))  # raised by after_call, once the cloud has done it
            return None
        return _Http(status), dict(parsed)

    def after_call(model: Any = None, context: Any = None, **_: Any) -> None:
        if id(context) in lost:
            lost.discard(id(context))
            from botocore.exceptions import ClientError

            raise ClientError(dict(parsed), getattr(model, "name", "?"))

    return before_call, after_call


class _FaultTransport(httpx.BaseTransport):
    def __init__(self, inner: Any, injector: FaultInjector) -> None:
        self.inner = inner
        self.injector = injector

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.injector.hit(f"confluent:{request.method} {request.url.path}"):
            if self.injector.after_effect:
                # the call took effect and its answer was lost on the way back: a gateway
                # timeout (a 429 would say the rate limiter refused it before it was done)
                self.inner.handle_request(request).close()
                return httpx.Response(504, request=request, json={"errors": [
                    {"status": "504", "detail": "Gateway timeout"}]})
            return httpx.Response(
                429, request=request,
                headers={"Retry-After": "0", "X-RateLimit-Remaining": "0"},
                json={"errors": [{"status": "429", "detail": "Too many requests"}]})
        response: httpx.Response = self.inner.handle_request(request)
        return response

    def close(self) -> None:
        return None  # the in-process cloud owns the inner transport


def install(ctx: Any, injector: FaultInjector) -> None:
    """Route every client ``ctx`` hands out through ``injector`` (before any is built)."""
    plain_aws = ctx.aws
    hooked: set[str] = set()

    def aws(service: str) -> Any:
        client = plain_aws(service)
        if service not in hooked:
            hooked.add(service)
            before, after = _aws_hook(injector, service)
            client.meta.events.register("before-call", before)
            client.meta.events.register("after-call", after)
        return client

    object.__setattr__(ctx, "aws", aws)
    inner_factory = getattr(ctx, "transport_factory", None)
    if inner_factory is not None:  # an AWS-only context has no Confluent transport
        wrapped = _FaultTransport(inner_factory(), injector)
        ctx.transport_factory = lambda: wrapped


# --------------------------------------------------------------------------- inventory


def _safe(count: Callable[[], int]) -> int:
    try:
        return count()
    except Exception as exc:  # an API moto lacks counts the same (-1) every time
        code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
        return -1 if code in ("NotImplemented", "InvalidAction", "") else -2


def aws_counts(ctx: CloudContext) -> dict[str, int]:
    """Every AWS object privnet can make (tagged or not), by type."""
    ec2, r53 = ctx.aws("ec2"), ctx.aws("route53")
    resolver, secrets = ctx.aws("route53resolver"), ctx.aws("secretsmanager")

    def live(items: list[dict[str, Any]], key: str = "State") -> list[dict[str, Any]]:
        return [i for i in items if str(i.get(key, "")).lower() not in ("deleted", "deleting")]

    counts: dict[str, int] = {
        "vpcs": len(ec2.describe_vpcs()["Vpcs"]),
        "subnets": len(ec2.describe_subnets()["Subnets"]),
        "enis": len(ec2.describe_network_interfaces()["NetworkInterfaces"]),
        "endpoints": len(live(ec2.describe_vpc_endpoints()["VpcEndpoints"])),
        "tgws": len(live(ec2.describe_transit_gateways()["TransitGateways"])),
        "tgw_attachments": len(live(ec2.describe_transit_gateway_vpc_attachments()[
            "TransitGatewayVpcAttachments"])),
        "eni_permissions": _safe(lambda: len(ec2.describe_network_interface_permissions()[
            "NetworkInterfacePermissions"])),
        "resolver_rules": len(resolver.list_resolver_rules()["ResolverRules"]),
        "resolver_rule_associations": len(resolver.list_resolver_rule_associations()[
            "ResolverRuleAssociations"]),
        "secrets": len(secrets.list_secrets()["SecretList"]),
    }
    groups = ec2.describe_security_groups()["SecurityGroups"]
    counts["security_groups"] = len(groups)
    counts["sg_rules"] = sum(len(g.get("IpPermissions", [])) + len(g.get("IpPermissionsEgress",
                                                                          [])) for g in groups)
    tables = ec2.describe_route_tables()["RouteTables"]
    counts["route_tables"] = len(tables)
    counts["routes"] = sum(len(t.get("Routes", [])) for t in tables)
    counts["rt_associations"] = sum(len(t.get("Associations", [])) for t in tables)
    gateways = {t["TransitGatewayId"] for t in live(
        ec2.describe_transit_gateways()["TransitGateways"])}
    tgw_tables = [t for t in live(ec2.describe_transit_gateway_route_tables()[
        "TransitGatewayRouteTables"]) if t.get("TransitGatewayId") in gateways]
    # moto leaves a deleted gateway's default route table behind: not privnet's doing
    counts["tgw_route_tables"] = len(tgw_tables)
    for name, method, key in (
            ("tgw_associations", "get_transit_gateway_route_table_associations", "Associations"),
            ("tgw_propagations", "get_transit_gateway_route_table_propagations",
             "TransitGatewayRouteTablePropagations")):
        counts[name] = 0
        for table in tgw_tables:
            table_id = table["TransitGatewayRouteTableId"]
            counts[name] += len(live(getattr(ec2, method)(
                TransitGatewayRouteTableId=table_id)[key]))
    counts["tgw_routes"] = 0
    for table in tgw_tables:
        counts["tgw_routes"] += len(live(ec2.search_transit_gateway_routes(
            TransitGatewayRouteTableId=table["TransitGatewayRouteTableId"],
            Filters=[{"Name": "type", "Values": ["static"]}])["Routes"]))
    zones = r53.list_hosted_zones()["HostedZones"]
    counts["zones"] = len(zones)
    counts["records"] = sum(len(r53.list_resource_record_sets(HostedZoneId=z["Id"])[
        "ResourceRecordSets"]) for z in zones)
    counts["zone_vpcs"] = sum(len(r53.get_hosted_zone(Id=z["Id"]).get("VPCs", []))
                              for z in zones)
    return counts


def confluent_counts(app: Any) -> dict[str, int]:
    """Records in every table of the Confluent emulator."""
    emulator = app.state.emulator
    with emulator.lock:
        return {f"cc:{name}": len(table) for name, table in emulator._tables.items()}


# --------------------------------------------------------------------------- the sweep


@dataclass
class SweepReport:
    address: str
    positions: dict[str, int] = field(default_factory=dict)
    """Operation -> how many call positions it has."""
    problems: list[str] = field(default_factory=list)

    @property
    def runs(self) -> int:
        return sum(self.positions.values())


@dataclass
class Sweeper:
    """Runs single-resource operations through the real executor on an applied stack."""

    ctx: CloudContext
    app: Any
    handlers: dict[str, AnyHandler]
    store: StateStore
    state: State
    graph: ResourceGraph
    injector: FaultInjector

    def inventory(self) -> dict[str, int]:
        return {**aws_counts(self.ctx), **confluent_counts(self.app)}

    def _executor(self) -> Executor:
        return Executor(self.ctx, self.handlers, self.store, self.state, FAST_POLICY,
                        parallelism=1)

    def _plan(self, change: Change, destroy: bool = False) -> Plan:
        return Plan(self.ctx.stack, self.state.lineage, self.state.serial, [change],
                    destroy=destroy)

    def _subgraph(self, address: str) -> ResourceGraph:
        sub = ResourceGraph()
        sub.add(self.graph.resources[address])
        for dep in sorted(self.graph.dependencies(address)):
            sub.add(self.graph.resources[dep])
        return sub

    def create(self, address: str) -> RunResult:
        kind = self.graph.resources[address].kind
        change = Change(address, kind, Action.CREATE)
        return self._executor().apply(self._plan(change), self._subgraph(address))

    def update(self, address: str) -> RunResult:
        """The same properties, forced through ``update`` as after drift."""
        kind = self.graph.resources[address].kind
        change = Change(address, kind, Action.UPDATE, drift=True)
        return self._executor().apply(self._plan(change), self._subgraph(address))

    def delete(self, address: str) -> RunResult:
        kind = self.state.resources[address].kind
        return self._executor().destroy(self._plan(Change(address, kind, Action.DELETE), True))

    after_effect: bool = False

    def counted(self, run: Callable[[str], RunResult], address: str,
                fault_at: int | None = None) -> tuple[RunResult, list[str]]:
        self.injector.arm(fault_at, self.after_effect and fault_at is not None)
        try:
            result = run(address)
        finally:
            calls = self.injector.disarm()
        return result, calls

    def sweep(self, address: str, operations: tuple[str, ...] = ("create", "delete", "update"),
              limit: int | None = None) -> SweepReport:
        """Every call position of each operation on ``address`` (which exists on entry and
        on return), at most ``limit`` positions per operation."""
        report = SweepReport(address)

        def check(result: RunResult, what: str, calls: list[str], expected: dict[str, int],
                  ) -> None:
            if not result.ok:
                report.problems.append(f"{what} failed: {result.problems()} (calls {calls})")
                return
            now = self.inventory()
            diff = {k: (expected.get(k), now.get(k)) for k in set(now) | set(expected)
                    if now.get(k, 0) != expected.get(k, 0)}
            if diff:
                report.problems.append(f"{what}: objects (expected, found) {diff} "
                                       f"(fault on {self.injector.injected}; calls {calls})")

        def must(result: RunResult, what: str) -> None:
            if not result.ok:
                raise AssertionError(f"{address}: clean {what} failed: {result.problems()}")

        result, delete_calls = self.counted(self.delete, address)
        must(result, "delete")
        without = self.inventory()
        result, create_calls = self.counted(self.create, address)
        must(result, "create")
        with_it = self.inventory()
        if "create" in operations:
            positions = len(create_calls) if limit is None else min(limit, len(create_calls))
            report.positions["create"] = positions
            for k in range(1, positions + 1):
                must(self.delete(address), "delete")
                result, calls = self.counted(self.create, address, k)
                check(result, f"create, fault at call {k}/{len(create_calls)}", calls, with_it)
                if not result.ok:  # put it back for the next position
                    must(self.create(address), "create")
        if "delete" in operations:
            positions = len(delete_calls) if limit is None else min(limit, len(delete_calls))
            report.positions["delete"] = positions
            for k in range(1, positions + 1):
                result, calls = self.counted(self.delete, address, k)
                check(result, f"delete, fault at call {k}/{len(delete_calls)}", calls, without)
                if address in self.state.resources:
                    must(self.delete(address), "delete")
                must(self.create(address), "create")
        if "update" in operations:
            result, update_calls = self.counted(self.update, address)
            must(result, "update")
            positions = len(update_calls) if limit is None else min(limit, len(update_calls))
            report.positions["update"] = positions
            for k in range(1, positions + 1):
                result, calls = self.counted(self.update, address, k)
                check(result, f"update, fault at call {k}/{len(update_calls)}", calls, with_it)
        return report


def _same(wanted: Any, seen: Any) -> bool:
    """A property as the topology gives it vs as ``read`` observes it (lists unordered, a
    mapping only on the keys wanted)."""
    if isinstance(wanted, dict) and isinstance(seen, dict):
        return all(str(seen.get(k)) == str(v) for k, v in wanted.items())
    if isinstance(wanted, list) and isinstance(seen, list):
        return sorted(map(repr, wanted)) == sorted(map(repr, seen))
    return bool(wanted == seen)


def sweep_update_to(sweeper: Sweeper, address: str, change: dict[str, Any]) -> SweepReport:
    """A real update (``change`` merged into the properties) with the fault at every call
    position; after each one the objects match the clean update's and ``read`` observes the
    new values. The resource is put back after each run."""
    report = SweepReport(address)
    original = sweeper.graph.resources[address]
    changed = Resource(address, original.kind, {**original.properties, **change},
                       original.depends_on)
    handler = sweeper.handlers[original.kind]

    def run(resource: Resource, fault_at: int | None = None) -> tuple[RunResult, list[str]]:
        sweeper.graph.resources[address] = resource
        return sweeper.counted(sweeper.update, address, fault_at)

    try:
        result, calls = run(changed)
        assert result.ok, f"{address}: clean update failed: {result.problems()}"
        expected = sweeper.inventory()
        assert run(original)[0].ok
        report.positions["update (changed)"] = len(calls)
        for k in range(1, len(calls) + 1):
            result, seen_calls = run(changed, k)
            what = f"update of {sorted(change)}, fault at call {k}/{len(calls)}"
            if not result.ok:
                report.problems.append(f"{what} failed: {result.problems()} ({seen_calls})")
            else:
                now = sweeper.inventory()
                if now != expected:
                    report.problems.append(f"{what}: objects differ: " + str(
                        {n: (expected.get(n), now.get(n)) for n in set(now) | set(expected)
                         if now.get(n) != expected.get(n)}))
                attributes = dict(sweeper.state.resources[address].attributes)
                observed = observed_of(handler.read(sweeper.ctx, address, attributes))
                wrong = {n: observed[n] for n in change
                         if n in observed and not _same(change[n], observed[n])}
                if wrong:
                    report.problems.append(f"{what}: the cloud holds {wrong}")
            assert run(original)[0].ok, f"{address}: could not put it back"
    finally:
        sweeper.graph.resources[address] = original
    return report


def done(result: RunResult) -> bool:
    return all(o.status is Status.DONE for o in result.outcomes.values())
