"""Starlette's own refusals in the platform's error format, and true to the contract.

Found by schemathesis: a body that is not JSON at all came back as FastAPI's bare 400
``{"detail": ...}``, a status the contract does not list; it is now a 422 ``invalid_request``
like every other malformed request. A method a path does not support came back 405 with an
``Allow`` naming only the methods of the first route matched (``GET`` for ``/admin/faults``,
which also takes ``PUT``); ``Allow`` now lists every method the path supports.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Route

from central.errors import error_response

PARSE_ERROR = "There was an error parsing the body"


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app serves at the request's path, sorted."""
    path = request.scope.get("path", "")
    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, Route) and route.methods and route.path_regex.match(path):
            methods |= route.methods
    return sorted(methods)


async def http_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    """Starlette/FastAPI HTTPException → the platform's ``{"error", "detail"}`` answer."""
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 400 and exc.detail == PARSE_ERROR:
        return error_response(422, "invalid_request", "the body is not valid JSON")
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
        return error_response(405, "method_not_allowed", str(exc.detail), headers)
    code = "not_found" if exc.status_code == 404 else "http_error"
    return error_response(exc.status_code, code, str(exc.detail), headers or None)
