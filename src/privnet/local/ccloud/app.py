"""The app factory: routers, error dialects, the request contract, faults and request ids."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from privnet.local.ccloud.contract_middleware import ContractMiddleware
from privnet.local.ccloud.errors import ApiError, error_response
from privnet.local.ccloud.faults import FaultModel
from privnet.local.ccloud.request_contract import default_contract
from privnet.local.ccloud.routers import (
    access_points,
    acls,
    api_keys,
    clusters,
    compute_pools,
    connectors,
    emulator_control,
    environments,
    gateways,
    links,
    mirrors,
    private_link,
    role_bindings,
    schema_registry,
    schema_registry_data,
    service_accounts,
    topics,
)
from privnet.local.ccloud.settings import EmulatorSettings
from privnet.local.ccloud.store import EmulatorState

ROUTERS = (
    environments,
    schema_registry,
    schema_registry_data,
    clusters,
    private_link,
    gateways,
    access_points,
    service_accounts,
    api_keys,
    role_bindings,
    connectors,
    compute_pools,
    topics,
    acls,
    links,
    mirrors,
    emulator_control,
)
RATE_LIMIT = 100
UNFAULTED_PATHS = ("/healthz",)


def _fault_middleware(
    faults: FaultModel,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def inject(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        request_id = uuid.uuid4().hex
        fault = None if request.url.path in UNFAULTED_PATHS else faults.draw()
        if fault is not None:
            headers = {"X-RateLimit-Limit": str(RATE_LIMIT), "X-RateLimit-Reset": "1"}
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
                headers["X-RateLimit-Remaining"] = "0"
            message = "Too many requests" if fault.status == 429 else "Injected failure"
            response = error_response(
                ApiError(fault.status, message, headers=headers), request.url.path
            )
        else:
            response = await call_next(request)
            response.headers.setdefault("X-RateLimit-Limit", str(RATE_LIMIT))
            response.headers.setdefault("X-RateLimit-Remaining", str(RATE_LIMIT - 1))
            response.headers.setdefault("X-RateLimit-Reset", "1")
        response.headers["X-Request-Id"] = request_id
        return response

    return inject


def create_app(settings: EmulatorSettings | None = None) -> FastAPI:
    """A Confluent Cloud emulator; ``app.state.emulator`` is its in-memory store."""
    settings = settings or EmulatorSettings()
    app = FastAPI(
        title="privnet Confluent Cloud emulator", docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.emulator = EmulatorState(settings)
    faults = FaultModel(settings.fault_rate, settings.seed, settings.retry_after_seconds)
    # The last middleware added runs first: faults (the gateway's throttling) come before
    # the request contract, which comes before every handler and its authentication.
    app.add_middleware(ContractMiddleware, contract=default_contract())
    app.middleware("http")(_fault_middleware(faults))

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> Response:
        return error_response(exc, request.url.path)

    @app.exception_handler(RequestValidationError)
    async def on_bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(str(e.get("msg", "invalid")) for e in exc.errors())
        return error_response(
            ApiError(400, f"Malformed request: {problems}", kafka_code=40002), request.url.path
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(ApiError(exc.status_code, str(exc.detail)), request.url.path)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        detail = f"Unexpected emulator failure ({type(exc).__name__})"
        return error_response(ApiError(500, detail), request.url.path)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    for module in ROUTERS:
        app.include_router(module.router)
    return app
