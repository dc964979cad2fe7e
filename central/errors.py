"""Errors as JSON: every refusal carries a machine code and a sentence for the technician."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class ErrorBody(BaseModel):
    """What every error answer holds: ``error`` (a stable code) and ``detail`` (readable)."""

    error: str
    detail: str


class ApiError(Exception):
    """An answer other than success, raised anywhere in a handler."""

    def __init__(
        self,
        status: int,
        error: str,
        detail: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail
        self.headers = headers or {}


def error_response(
    status: int, error: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The JSON answer for an error."""
    return JSONResponse(
        ErrorBody(error=error, detail=detail).model_dump(), status_code=status, headers=headers
    )


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Turn an ApiError into its JSON answer."""
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.error, exc.detail, exc.headers)


def responses(*codes: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI ``responses`` entries for error codes, all with the ErrorBody schema."""
    return {code: {"model": ErrorBody} for code in codes}
