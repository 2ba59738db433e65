"""Objects with no id of their own (a route: found by its table and destination) cannot be
imported by id: an id given for one is refused, not silently ignored; ``state rm`` of one
says how it comes back (plan adopts it) instead of an ``import`` that cannot run."""

from __future__ import annotations

from tests.escape_hatches.conftest import Stack

ROUTE = "aws.route.payments.platform"
VPC = "aws.vpc.payments"


def test_an_id_given_for_a_route_is_refused(applied: Stack) -> None:
    removed = applied.ok("state", "rm", "FILE", ROUTE)
    assert "(no id recorded)" not in removed.stdout
    assert "privnet import" not in removed.stdout, removed.stdout
    assert "plan" in removed.stdout and "adopt" in removed.stdout
    before = applied.state()
    for given in ("rtb-1", "totally-bogus"):
        refused = applied.run("import", "FILE", ROUTE, given)
        assert refused.exit_code == 2, (refused.stdout, refused.stderr)
        assert "Imported" not in refused.stdout and "Traceback" not in refused.output
        assert "aws.route has no id of its own" in refused.stderr, refused.stderr
        assert "run plan" in refused.stderr and "adopts it" in refused.stderr
    assert applied.state() == before, "a refused import writes nothing"
    assert applied.plan()[ROUTE]["adopt"] == "only"  # plan takes it back, as the hint said


def test_a_second_import_names_the_recorded_object(applied: Stack) -> None:
    vpc_id = applied.recorded_id(VPC)
    again = applied.run("import", "FILE", VPC, vpc_id)
    assert again.exit_code == 2 and f"{VPC} is already recorded ({vpc_id})" in again.stderr
    route = applied.run("import", "FILE", ROUTE, "rtb-1")
    assert route.exit_code == 2 and "None" not in route.stderr, route.stderr
    assert f"{ROUTE} is already recorded" in route.stderr
