"""`python -m central`: run the reference platform server, or write its OpenAPI document."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m central", description="The OneWindow reference platform server."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="TCP port to listen on")
    parser.add_argument("--data-dir", type=Path, help="where the platform keeps its data")
    parser.add_argument(
        "--catalog", type=Path, metavar="FILE", help="catalog bundle (gzip JSON) to publish"
    )
    parser.add_argument(
        "--forms-dir", type=Path, metavar="DIR", help="folder of form definitions <id>.json"
    )
    parser.add_argument(
        "--validate-form-data",
        action="store_true",
        help="refuse (422) submissions whose data does not match their form's data schema",
    )
    parser.add_argument("--tls-cert", type=Path, metavar="PEM", help="serve HTTPS: certificate")
    parser.add_argument("--tls-key", type=Path, metavar="PEM", help="serve HTTPS: private key")
    parser.add_argument(
        "--demo", action="store_true", help="run the simulated back office (moves statuses)"
    )
    parser.add_argument(
        "--write-openapi",
        type=Path,
        metavar="PATH",
        help="write the OpenAPI document to PATH and exit (e.g. central/openapi.json)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: serve with uvicorn (no reload, log level warning) until stopped."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.write_openapi is not None:
        from central.openapi import write_openapi

        write_openapi(args.write_openapi)
        return 0
    if args.data_dir is None:
        parser.error("--data-dir is required to serve")
    import uvicorn

    from central.app import create_app

    if (args.tls_cert is None) != (args.tls_key is None):
        parser.error("--tls-cert and --tls-key go together")
    app = create_app(
        args.data_dir,
        catalog_file=args.catalog,
        forms_dir=args.forms_dir,
        demo=args.demo,
        validate_form_data=args.validate_form_data,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        reload=False,
        timeout_graceful_shutdown=3,
        ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
        ssl_keyfile=str(args.tls_key) if args.tls_key else None,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
