"""``privnet import``: adopt an object made by hand, checked against the topology."""

from __future__ import annotations

from tests.escape_hatches.conftest import Stack

VPC = "aws.vpc.payments"
CIDR = "10.21.0.0/20"
"""The CIDR the ingress example gives the payments VPC."""


def _vpc_by_hand(stack: Stack, cidr: str = CIDR) -> str:
    """A VPC made with boto3, as someone would in the console: no tags, no privnet marker."""
    vpc = stack.ctx.aws("ec2").create_vpc(CidrBlock=cidr)["Vpc"]
    assert not vpc.get("Tags")
    return str(vpc["VpcId"])


def test_import_a_hand_made_vpc_then_plan_does_not_create_it(stack: Stack) -> None:
    vpc_id = _vpc_by_hand(stack)
    done = stack.ok("import", "FILE", VPC, vpc_id)
    assert f"Imported aws.vpc {vpc_id} as {VPC}" in done.stdout
    assert "`privnet destroy` deletes it" in done.stdout
    record = stack.state()["resources"][VPC]
    assert record["attributes"]["id"] == vpc_id and record["imported"] is True
    assert "imported" in stack.ok("state", "show", "FILE", VPC).stdout

    changes = stack.plan()
    assert VPC not in changes, changes.get(VPC)
    assert changes["aws.vpc.platform"]["action"] == "create"  # the rest is still to make
    subnet = changes["aws.subnet.payments.usw2-az1"]
    assert vpc_id in str(subnet), "its subnets will be made in the imported VPC"


def test_an_imported_object_is_deleted_by_destroy(stack: Stack) -> None:
    vpc_id = _vpc_by_hand(stack)
    stack.ok("import", "FILE", VPC, vpc_id)
    destroyed = stack.ok("destroy", "FILE", "--yes")
    assert VPC in destroyed.stdout
    assert not stack.vpc_exists(vpc_id)
    assert VPC not in stack.state()["resources"]


def test_import_refusals(stack: Stack) -> None:
    other_cidr = _vpc_by_hand(stack, "10.99.0.0/16")
    wrong = stack.run("import", "FILE", VPC, other_cidr)
    assert wrong.exit_code == 2
    assert "cidr '10.99.0.0/16'" in wrong.stderr and "not the object" in wrong.stderr

    missing = stack.run("import", "FILE", VPC, "vpc-0123456789abcdef0")
    assert missing.exit_code == 2 and "no aws.vpc with id vpc-0123456789abcdef0" in missing.stderr
    assert "an aws.vpc object" in missing.stderr and " a aws." not in missing.stderr

    subnet = stack.ctx.aws("ec2").create_subnet(VpcId=other_cidr,
                                                CidrBlock="10.99.1.0/24")["Subnet"]["SubnetId"]
    other_kind = stack.run("import", "FILE", VPC, subnet)
    assert other_kind.exit_code == 2 and f"{subnet}" in other_kind.stderr

    unknown = stack.run("import", "FILE", "aws.vpc.paymnts", other_cidr)
    assert unknown.exit_code == 2 and "did you mean aws.vpc.payments" in unknown.stderr

    needs_upstream = stack.run("import", "FILE", "aws.subnet.payments.usw2-az1", subnet)
    assert needs_upstream.exit_code == 2
    assert "apply or import aws.vpc.payments first" in needs_upstream.stderr

    for result in (wrong, missing, other_kind, unknown, needs_upstream):
        assert "Traceback" not in result.output
    assert not stack.state_path.exists(), "a refused import writes nothing"

    good = _vpc_by_hand(stack)
    stack.ok("import", "FILE", VPC, good)
    again = stack.run("import", "FILE", VPC, good)
    assert again.exit_code == 2 and "already recorded" in again.stderr
    twice = stack.run("import", "FILE", "aws.vpc.platform", good)
    assert twice.exit_code == 2 and f"{good} is already recorded as {VPC}" in twice.stderr


def test_import_of_a_subnet_into_an_imported_vpc(stack: Stack) -> None:
    vpc_id = _vpc_by_hand(stack)
    stack.ok("import", "FILE", VPC, vpc_id)
    ec2 = stack.ctx.aws("ec2")
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.21.0.0/24",
                               AvailabilityZoneId="usw2-az1")["Subnet"]["SubnetId"]
    stack.ok("import", "FILE", "aws.subnet.payments.usw2-az1", subnet)
    changes = stack.plan()
    assert "aws.subnet.payments.usw2-az1" not in changes
    assert changes["aws.subnet.payments.usw2-az2"]["action"] == "create"
    wrong_az = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.21.1.0/24",
                                 AvailabilityZoneId="usw2-az3")["Subnet"]["SubnetId"]
    refused = stack.run("import", "FILE", "aws.subnet.payments.usw2-az2", wrong_az)
    assert refused.exit_code == 2 and "az_id" in refused.stderr


def test_an_object_the_topology_gives_by_id_is_not_imported(stack: Stack) -> None:
    """apply reads such an object and never deletes it; an import would make destroy
    delete it."""
    vpc_id = _vpc_by_hand(stack)
    text = stack.file.read_text()
    stack.file.write_text(text.replace("    - name: payments\n",
                                       f"    - name: payments\n      id: {vpc_id}\n"))
    refused = stack.run("import", "FILE", VPC, vpc_id)
    assert refused.exit_code == 2, refused.stderr
    assert f"the topology gives {VPC} by id ({vpc_id})" in refused.stderr
    assert not stack.state_path.exists()


def test_rm_of_an_imported_object_lets_it_go_as_the_message_says(stack: Stack) -> None:
    """An imported object carries no privnet marker: after ``state rm``, plan does not find
    it, proposes a new one, and the object made by hand is left alone."""
    vpc_id = _vpc_by_hand(stack)
    stack.ok("import", "FILE", VPC, vpc_id)
    removed = stack.ok("state", "rm", "FILE", VPC)
    assert "not found (an imported object carries no markers), a new one is proposed" in \
        removed.stdout
    assert stack.plan()[VPC]["action"] == "create"
    assert stack.vpc_exists(vpc_id)
