"""An EC2 object's own tags read directly, as EC2 indexes them.

moto answers "the tags of this object" (``TaggedEC2Resource.get_tags``, used by every
tag-filtered describe for each candidate object) by scanning every tag of every object in the
region: a cost per describe that grows with the stack. At 3,010 resources, 65% of an apply's
samples were in that scan (docs/benchmarks.md, "scale"). Real EC2 filters by tag without such a
cost; here the object's own tags are read from moto's store by its id, with the same answer
(moto's scan keeps each object's tags in their insertion order too).
"""

from __future__ import annotations

from typing import Any


def own_tags(resource: Any) -> list[dict[str, str]]:
    """The tags of ``resource`` as moto's ``describe_tags`` lists them for its id alone."""
    from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, get_prefix

    resource_id = getattr(resource, "id", None)
    if not resource_id:
        return []
    kind = EC2_PREFIX_TO_RESOURCE.get(get_prefix(resource_id), "")
    stored = resource.ec2_backend.tags.get(resource_id) or {}
    return [{"resource_id": resource_id, "key": key, "value": value, "resource_type": kind}
            for key, value in stored.items()]
