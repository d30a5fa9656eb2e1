"""``python -m kit.gateway serve ...``: the same commands as ``storykit gateway ...``.

It loads only the gateway, not the rest of the kit's command line, so it starts quickly: handy for a
JupyterHub-managed service (``command: [python, -m, kit.gateway, serve]``) or a systemd unit.
"""

from __future__ import annotations

import argparse
import sys

from .cli import add_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kit.gateway")
    add_commands(parser.add_subparsers(dest="command", required=True), prog=parser.prog)
    args = parser.parse_args(["gateway", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
