"""`kiosk identity check NUMBER`: check a resident ID number or credit code, print JSON."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.identity import validate_credit_code, validate_resident_id


def _looks_like_credit_code(number: str) -> bool:
    value = "".join(number.split()).upper()
    return len(value) == 18 and not value[:17].isdigit()


def check(args: argparse.Namespace) -> int:
    """Print the check of ``args.number`` as JSON; exit 0 if valid, 1 if not."""
    number: str = args.number
    if args.kind == "uscc" or (args.kind == "auto" and _looks_like_credit_code(number)):
        result = {"kind": "credit_code", **validate_credit_code(number).to_json()}
    else:
        result = {"kind": "resident_id", **validate_resident_id(number).to_json()}
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0 if result["valid"] else 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `identity check` to the kiosk CLI."""
    identity = sub.add_parser("identity", help="identity numbers: check resident IDs, credit codes")
    actions = identity.add_subparsers(dest="identity_command", required=True)
    checker = actions.add_parser(
        "check", help="check a resident ID number or unified social credit code (prints JSON)"
    )
    checker.add_argument("number", help="18/15-digit resident ID number or 18-character USCC")
    checker.add_argument(
        "--kind", choices=("auto", "ric", "uscc"), default="auto", help="what the number is"
    )
    checker.set_defaults(handler=check)
