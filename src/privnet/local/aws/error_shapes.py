"""AWS-shaped error responses for what moto cannot answer itself.

moto raises ``NotImplementedError`` for calls it lacks; its server then answers with an HTML
debugger page and status 500, which SDKs misread as a retryable server fault. Here every
such call becomes the service's own error format (XML or JSON) with code ``InvalidAction``
and status 501, which is final: a client stops instead of retrying. A request signed for a
region moto has no backend for (``us-east-9``) gets AWS's final 403 instead of a 500.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from privnet.local.aws.faults import draw_fault
from privnet.local.aws.network_version import note_call

NOT_IMPLEMENTED_CODE = "InvalidAction"
NOT_IMPLEMENTED_STATUS = 501
UNKNOWN_REGION_CODE = "SignatureDoesNotMatch"
"""What AWS answers a request signed for a region it does not have (a final 403)."""
UNKNOWN_REGION_STATUS = 403

CallAction = Callable[[Any], Any]


def aws_error_response(response: Any, code: str, message: str, status: int) -> Any:
    """Serialize an error the way the service does, then set the HTTP status we want."""
    from moto.core.exceptions import ServiceException
    from moto.core.responses import ActionResult

    # A class outside moto's packages, so moto shapes it with the calling service's model.
    error_class = type("LocalAwsError", (ServiceException,), {"__module__": __name__})
    error = error_class(code, message)
    with warnings.catch_warnings():
        # moto warns when a code is not in the service model; these codes are deliberate.
        warnings.simplefilter("ignore")
        _status, headers, body = response.serialized(ActionResult(error))
    headers["status"] = status
    return status, headers, body


def _action_of(response: Any) -> str | None:
    """The action's name, None when moto cannot tell (then the call counts as a change)."""
    try:
        return str(response._get_action() or "") or None
    except Exception:  # a request moto cannot name is simply counted
        return None


def guarded_call_action(original: CallAction) -> CallAction:
    """Wrap moto's dispatcher: inject seeded faults, turn "not implemented" into AWS errors,
    count calls that may change the network (``network_version``)."""

    def call_action(self: Any) -> Any:
        service = str(getattr(self, "service_name", "") or "")
        fault = draw_fault(service)
        if fault is not None:
            return aws_error_response(self, fault.code, fault.message, fault.status)
        try:
            return original(self)
        except KeyError as exc:
            region = str(getattr(self, "region", "") or "")
            if not region or exc.args != (region,):
                raise
            return aws_error_response(self, UNKNOWN_REGION_CODE,
                                      f"Credential should be scoped to a valid region, not "
                                      f"'{region}'.", UNKNOWN_REGION_STATUS)
        except NotImplementedError as exc:
            action = self._get_action() or "this call"
            message = f"{action} is not implemented by the local AWS emulator"
            if str(exc) and "has not been implemented" not in str(exc):
                message += f": {exc}"
            return aws_error_response(self, NOT_IMPLEMENTED_CODE, message, NOT_IMPLEMENTED_STATUS)
        finally:
            note_call(service, _action_of(self))

    call_action.__wrapped__ = original  # type: ignore[attr-defined]
    return call_action
