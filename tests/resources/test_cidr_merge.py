"""Merging CIDR blocks: the same addresses, never the excluded block, labels only when alone."""

from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from privnet.resources.cidr_merge import merge_labelled, merge_networks

Network = ipaddress.IPv4Network


@st.composite
def networks(draw: st.DrawFn) -> Network:
    """Blocks in one small corner of the address space, so they often touch and nest."""
    prefix = draw(st.integers(min_value=20, max_value=28))
    offset = draw(st.integers(min_value=0, max_value=(1 << (prefix - 18)) - 1))
    base = int(ipaddress.IPv4Address("10.0.0.0")) + offset * (1 << (32 - prefix))
    return Network((base, prefix))


def _addresses(blocks: list[Network]) -> set[int]:
    found: set[int] = set()
    for block in blocks:
        start = int(block.network_address)
        found.update(range(start, start + block.num_addresses))
    return found


def _without(block: Network, exclude: Network | None) -> list[Network]:
    if exclude is None or not block.overlaps(exclude):
        return [block]
    return [] if block.subnet_of(exclude) else list(block.address_exclude(exclude))


@given(st.lists(networks(), max_size=12), st.none() | networks())
def test_merged_blocks_cover_exactly_the_same_addresses(given_blocks: list[Network],
                                                        exclude: Network | None) -> None:
    merged = merge_networks(given_blocks, exclude)
    expected = _addresses(given_blocks) - (_addresses([exclude]) if exclude else set())
    assert _addresses(merged) == expected
    if exclude is not None:
        assert not any(block.overlaps(exclude) for block in merged)
    # Disjoint, sorted and not further mergeable: the fewest blocks, the standard library's.
    assert merged == list(ipaddress.collapse_addresses(merged))
    pieces = [p for block in given_blocks for p in _without(block, exclude)]
    assert merged == list(ipaddress.collapse_addresses(pieces))
    assert sum(b.num_addresses for b in merged) == len(expected)


@given(st.lists(networks(), max_size=12, unique=True), st.none() | networks())
def test_a_block_keeps_its_label_only_when_it_merged_with_nothing(
        given_blocks: list[Network], exclude: Network | None) -> None:
    labelled = [(f"vpc-{n}", block) for n, block in enumerate(given_blocks)]
    merged = merge_labelled(labelled, exclude)
    assert [block for _, block in merged] == merge_networks(given_blocks, exclude)
    for label, block in merged:
        inside = [name for name, network in labelled if network.overlaps(block)]
        if label is None:
            assert inside != [] and (len(inside) > 1 or dict(labelled)[inside[0]] != block)
        else:
            assert inside == [label] and dict(labelled)[label] == block


def test_adjacent_vpcs_merge_around_the_own_vpc() -> None:
    vpcs = [Network(f"10.0.{16 * n}.0/20") for n in range(8)]  # 10.0.0.0 .. 10.0.127.255
    own = vpcs[5]
    merged = merge_labelled([(f"vpc-{n}", v) for n, v in enumerate(vpcs) if v != own], own)
    assert merged == [(None, Network("10.0.0.0/18")), ("vpc-4", vpcs[4]),
                      (None, Network("10.0.96.0/19"))]


def test_a_block_spanning_the_own_vpc_is_split_around_it() -> None:
    merged = merge_networks([Network("10.0.0.0/16")], Network("10.0.128.0/17"))
    assert merged == [Network("10.0.0.0/17")]
    assert merge_networks([Network("10.0.1.0/24")], Network("10.0.0.0/16")) == []


def test_a_lone_block_keeps_its_name() -> None:
    apart = [("runner", Network("172.16.2.0/24")), ("vpn_clients", Network("172.20.0.0/22"))]
    assert merge_labelled(apart) == apart
