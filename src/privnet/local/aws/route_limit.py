"""A route table refuses its 51st non-propagated route, as AWS does at the default quota.

Amazon VPC quotas, "Route tables" (https://docs.aws.amazon.com/vpc/latest/userguide/
amazon-vpc-limits.html): 50 non-propagated routes per route table by default (adjustable);
past it ``CreateRoute`` fails with ``RouteLimitExceeded`` (EC2 API error codes). moto accepts
any number. The local route of each VPC CIDR is not counted, as privnet's QUOTA-003 does not
count it either. ``AwsBehaviour.routes_per_route_table`` sets another quota (a test, or an
account with a raised one) in process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from privnet.local.aws.behaviour import current_behaviour

Method = Callable[..., Any]


def make_create_route(original: Method) -> Method:
    def create_route(self: Any, route_table_id: str, *args: Any, **kwargs: Any) -> Any:
        limit = current_behaviour().routes_per_route_table
        if not kwargs.get("local"):
            table = self.get_route_table(route_table_id)
            if sum(1 for route in table.routes if not route.local) >= limit:
                from moto.ec2.exceptions import EC2ClientError

                raise EC2ClientError(
                    "RouteLimitExceeded",
                    f"The maximum number of routes ({limit}) in route table "
                    f"{route_table_id} has been reached.")
        return original(self, route_table_id, *args, **kwargs)

    return create_route
