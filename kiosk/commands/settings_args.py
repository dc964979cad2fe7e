"""The options that choose a configuration (--profile / --config), and loading it readably."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from config.errors import ConfigError
from config.loader import load_settings, profile_names
from config.schema import KioskSettings
from kiosk.logs import configure_logging

DEFAULT_PROFILE = "demo"


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """Add the mutually exclusive --profile NAME / --config FILE options."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--profile",
        metavar="NAME",
        help=f"a shipped profile ({', '.join(profile_names())}); default: {DEFAULT_PROFILE}",
    )
    group.add_argument("--config", metavar="FILE", type=Path, help="a TOML settings file")


def source(args: argparse.Namespace) -> str | Path:
    """The profile name or config file the options chose."""
    config: Path | None = args.config
    return config if config is not None else (args.profile or DEFAULT_PROFILE)


def print_problems(error: ConfigError, out: TextIO) -> None:
    """Every problem on its own line, with its key path and allowed values."""
    for problem in error.problems:
        out.write((str(problem) if problem.key_path else f"{error.source}: {problem}") + "\n")


def load_from_args(args: argparse.Namespace) -> KioskSettings | None:
    """Settings for a command, or None after printing every problem to stderr."""
    try:
        return load_settings(source(args))
    except ConfigError as error:
        sys.stderr.write(f"configuration {error.source} cannot be used:\n")
        print_problems(error, sys.stderr)
        return None


def quiet_logging(settings: KioskSettings) -> None:
    """Logging for one-shot commands: masked JSON lines on stderr, stdout stays for the output."""
    configure_logging(settings.logging.model_copy(update={"file": None}), stream=sys.stderr)
