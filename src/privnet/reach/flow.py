"""One TCP flow from a client location to one address: route there, filters, route back."""

from __future__ import annotations

from privnet.reach.filters import EPHEMERAL_PORT, nacl_decides, sg_allows_ingress
from privnet.reach.index import SnapshotIndex
from privnet.reach.routing import route_from_subnet
from privnet.reach.snapshot import ClientLocation, Subnet
from privnet.reach.trace import Disposition, Hop, Outcome, Step


def check_flow(index: SnapshotIndex, location: ClientLocation, source: Subnet, ip: str,
               port: int) -> Outcome:
    """Walk ``location`` (leaving through ``source``) -> ``ip:port`` and the reply back."""
    target = f"{ip}/32"
    hosting = index.endpoint_at(ip)
    forward = route_from_subnet(index, source, target, hosting[0].vpc_id if hosting else "")
    hop_title = f"{location.name} (subnet {source.id}) -> {ip}:{port}: route"
    if not forward.ok:
        disposition = Disposition.INSUFFICIENT_INFO if forward.undecided else Disposition.NO_ROUTE
        return Outcome(disposition, (Hop(hop_title, forward.steps),), forward.culprit,
                       forward.fix)
    destination = index.subnet_for_ip(ip, forward.vpc_id)
    if destination is None or destination.vpc_id != forward.vpc_id:
        where = index.vpc_label(forward.vpc_id)
        step = Step(where, f"delivered to {where}, which has no subnet holding {ip}")
        return Outcome(Disposition.NO_ROUTE, (Hop(hop_title, (*forward.steps, step)),), where,
                       f"route {index.network_of(ip)} to the VPC that holds it, not to "
                       f"{where}")
    arrive = Step(f"subnet {destination.id}",
                  f"{ip} is in {destination.cidr} ({destination.az_id}) of "
                  f"{index.vpc_label(destination.vpc_id)}")
    hops: tuple[Hop, ...] = (Hop(hop_title, (*forward.steps, arrive)),)

    same_subnet = destination.id == source.id
    inbound_steps: list[Step] = []
    if not same_subnet:
        out = nacl_decides(index.nacl_of(source.id), True, target, port)
        inbound_steps.append(out.step)
        if not out.allowed:
            return _stop(Disposition.DENIED_OUT, hops, "filters on the way in", inbound_steps,
                         _nacl_fix(out.step.subject, "outbound", f"tcp {port} to {target}"))
        into = nacl_decides(index.nacl_of(destination.id), False, location.cidr, port)
        inbound_steps.append(into.step)
        if not into.allowed:
            return _stop(Disposition.DENIED_IN, hops, "filters on the way in", inbound_steps,
                         _nacl_fix(into.step.subject, "inbound",
                                   f"tcp {port} from {location.cidr}"))
    found = index.endpoint_at(ip, destination.vpc_id)
    if found is not None:
        groups = [index.security_groups[g] for g in found[0].security_group_ids
                  if g in index.security_groups]
        sg = sg_allows_ingress(groups, location.cidr, port)
        inbound_steps.append(sg.step)
        if not sg.allowed:
            groups_text = ", ".join(found[0].security_group_ids) or "a security group"
            return _stop(Disposition.DENIED_IN, hops, "filters on the way in", inbound_steps,
                         f"allow inbound tcp {port} from {location.cidr} in {groups_text} "
                         f"of endpoint {found[0].id}")
    hops = (*hops, Hop("filters on the way in", tuple(inbound_steps)))

    back = route_from_subnet(index, destination, location.cidr, location.vpc_id)
    back_title = f"{ip} -> {location.name} ({location.cidr}): return route"
    if not back.ok or back.vpc_id != location.vpc_id:
        steps = back.steps
        culprit = back.culprit
        fix = back.fix
        if back.ok:
            where = index.vpc_label(back.vpc_id)
            steps = (*steps, Step(where, f"replies reach {where}, not "
                                  f"{index.vpc_label(location.vpc_id)}"))
            culprit = steps[-2].subject if len(steps) > 1 else where
            fix = (f"make {culprit} send {location.cidr} towards "
                   f"{index.vpc_label(location.vpc_id)}")
        disposition = (Disposition.INSUFFICIENT_INFO if back.undecided
                       else Disposition.NO_RETURN_ROUTE)
        return Outcome(disposition, (*hops, Hop(back_title, steps)), culprit, fix)
    hops = (*hops, Hop(back_title, back.steps))
    if same_subnet:
        return Outcome(Disposition.ACCEPTED, hops)
    back_steps: list[Step] = []
    out = nacl_decides(index.nacl_of(destination.id), True, location.cidr, EPHEMERAL_PORT)
    back_steps.append(out.step)
    if not out.allowed:
        return _stop(Disposition.DENIED_OUT, hops, "filters on the way back", back_steps,
                     _nacl_fix(out.step.subject, "outbound",
                               f"tcp 1024-65535 to {location.cidr} (the replies)"))
    into = nacl_decides(index.nacl_of(source.id), False, target, EPHEMERAL_PORT)
    back_steps.append(into.step)
    if not into.allowed:
        return _stop(Disposition.DENIED_IN, hops, "filters on the way back", back_steps,
                     _nacl_fix(into.step.subject, "inbound",
                               f"tcp 1024-65535 from {target} (the replies)"))
    return Outcome(Disposition.ACCEPTED, (*hops, Hop("filters on the way back",
                                                     tuple(back_steps))))


def _stop(disposition: Disposition, hops: tuple[Hop, ...], title: str,
          steps: list[Step], fix: str) -> Outcome:
    return Outcome(disposition, (*hops, Hop(title, tuple(steps))), steps[-1].subject, fix)


def _nacl_fix(subject: str, direction: str, traffic: str) -> str:
    """``network ACL acl-1 rule 90`` -> allow the traffic there before that rule."""
    acl, _, rule = subject.partition(" rule ")
    where = f"with a rule number below {rule}" if rule else "(no entry allows it)"
    return f"allow {direction} {traffic} in {acl} {where}"
