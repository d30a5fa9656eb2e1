"""``storykit gateway ...``: the teacher's commands for the classroom gateway.

    storykit gateway serve [--host 127.0.0.1] [--port 8787] [--data DIR] [--region intl|cn|us] [--upstream URL]
    storykit gateway class create NAME --students N [--images-per-day 10 ...]   (prints tokens, writes cards)
    storykit gateway class add NAME --students N | class set NAME [limits] | class list
    storykit gateway revoke TOKEN | --student LABEL
    storykit gateway report [--class NAME] [--day YYYY-MM-DD] [--log N] [--flagged]
    storykit gateway blocklist add|remove PHRASE... | blocklist list
    storykit gateway teacher-token          (a new token for the /teacher page; the old one stops working)
    storykit gateway purge --older-than DAYS

Every command takes ``--data DIR`` (default ``$STORYKIT_GATEWAY_DATA`` or ``~/storykit-gateway``); the
commands other than ``serve`` work while a gateway is running on the same folder.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from .config import (
    DEFAULT_DATA,
    DEFAULT_PORT,
    ConfigProblem,
    GatewayConfig,
    hub_from_environment,
    read_keys,
    upstream_for,
)
from .quota import Limits
from .store import Store, StoreProblem

CLASS_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
LIMIT_FLAGS = {
    "requests_per_day": "text requests and picture jobs per student per day",
    "tokens_per_day": "tokens per student per day",
    "images_per_day": "pictures per student per day",
    "class_requests_per_day": "requests per class per day",
    "class_tokens_per_day": "tokens per class per day",
    "class_images_per_day": "pictures per class per day",
    "images_per_request": "largest n (pictures) one job may ask for",
    "waiting_images": "picture jobs one student may have waiting at once",
    "text_at_once": "text requests one student may have on the way at once",
    "characters_per_day": "characters read aloud per student per day (Chinese counts two)",
    "class_characters_per_day": "characters read aloud per class per day",
}


def add_commands(subparsers, prog: str | None = None) -> None:
    """Add ``gateway`` and its sub-commands to a command line (``storykit``'s, or ``python -m kit.gateway``)."""
    extra = {"prog": prog} if prog else {}
    gateway = subparsers.add_parser("gateway", help="the classroom gateway: the teacher holds the key",
                                    description="The classroom gateway (see docs/gateway.md).", **extra)
    commands = gateway.add_subparsers(dest="gateway_command", required=True)
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data", default=os.environ.get("STORYKIT_GATEWAY_DATA") or DEFAULT_DATA,
                      help="the gateway's data folder (default $STORYKIT_GATEWAY_DATA or %(default)s)")
    limits = argparse.ArgumentParser(add_help=False)
    for name, text in LIMIT_FLAGS.items():
        limits.add_argument("--" + name.replace("_", "-"), dest=name, type=_whole_number, metavar="N", help=text)
    limits.add_argument("--allow-model", dest="models", action="append", metavar="ID",
                        help="a model this class may use besides the classroom defaults (repeat for more)")

    serve = commands.add_parser("serve", parents=[data], help="run the gateway (Ctrl-C stops it)")
    serve.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1; 0.0.0.0 for the "
                                                    "whole network)")
    serve.add_argument("--port", type=int, default=None, help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--region", choices=("intl", "cn", "us"), default=None,
                       help="the DashScope region of the key (default intl, Singapore)")
    serve.add_argument("--upstream", help="another DashScope-compatible API base URL (overrides --region)")
    serve.add_argument("--keys-file", help="several keys, one a line: KEY [ACCOUNT] (default: $DASHSCOPE_API_KEY)")
    serve.add_argument("--class", dest="classes", action="append", metavar="NAME",
                       help="serve only this class (repeatable; default every class)")
    serve.add_argument("--public-url", help="the address students use, if not the one they connect to")
    serve.add_argument("--prefix", help="URL path prefix (default: $JUPYTERHUB_SERVICE_PREFIX as a hub service)")
    serve.add_argument("--hub", action="store_true",
                       help="accept JupyterHub users' own tokens (automatic when started by JupyterHub)")
    serve.add_argument("--hub-class", help="class for hub users who are in no class group (created if needed)")
    serve.add_argument("--max-body-kb", type=int, default=256, help="largest request accepted (default 256 KB)")
    serve.add_argument("--poll-interval", type=float, default=2.0,
                       help="the longest wait between checks of a running upstream job (shorter near its end)")
    serve.add_argument("--lookups-per-second", type=float, default=15.0,
                       help="task look-ups per account (the service allows about 20 a second)")
    serve.add_argument("--text-per-minute", type=int, default=600,
                       help="text requests per account (qwen-flash in Singapore: about 600 a minute)")
    serve.add_argument("--verbose", action="store_true", help="log more detail")
    serve.set_defaults(func=cmd_serve)

    klass = commands.add_parser("class", help="create classes and students, set their limits")
    class_commands = klass.add_subparsers(dest="class_command", required=True)
    create = class_commands.add_parser("create", parents=[data, limits], help="a new class with N student tokens")
    create.add_argument("name")
    create.add_argument("--students", type=_whole_number, required=True, metavar="N")
    create.add_argument("--url", help="the gateway address printed on the cards (default: this computer)")
    create.add_argument("--cards", help="where to write the printable cards (default DATA/cards/NAME.html)")
    create.set_defaults(func=cmd_class_create)
    add = class_commands.add_parser("add", parents=[data], help="more students for a class")
    add.add_argument("name")
    add.add_argument("--students", type=_whole_number, required=True, metavar="N")
    add.add_argument("--url")
    add.add_argument("--cards")
    add.set_defaults(func=cmd_class_add)
    change = class_commands.add_parser("set", parents=[data, limits], help="change a class's daily limits")
    change.add_argument("name")
    change.set_defaults(func=cmd_class_set)
    listing = class_commands.add_parser("list", parents=[data], help="the classes and their students")
    listing.set_defaults(func=cmd_class_list)

    revoke = commands.add_parser("revoke", parents=[data], help="switch off one student's token")
    revoke.add_argument("token", nargs="?")
    revoke.add_argument("--student", help="the student's label instead of the token, e.g. 3A-07")
    revoke.set_defaults(func=cmd_revoke)

    report = commands.add_parser("report", parents=[data], help="usage per student, and the log")
    report.add_argument("--class", dest="class_name")
    report.add_argument("--day", help="YYYY-MM-DD (default today)")
    report.add_argument("--log", type=int, default=0, metavar="N", help="also show the last N prompts and replies")
    report.add_argument("--flagged", action="store_true", help="with --log: only safety and blocklist refusals")
    report.set_defaults(func=cmd_report)

    blocklist = commands.add_parser("blocklist", parents=[data], help="words the gateway never sends")
    blocklist.add_argument("action", choices=("add", "remove", "list"))
    blocklist.add_argument("phrases", nargs="*")
    blocklist.set_defaults(func=cmd_blocklist)

    teacher = commands.add_parser("teacher-token", parents=[data], help="a new token for the /teacher page")
    teacher.set_defaults(func=cmd_teacher_token)

    purge = commands.add_parser("purge", parents=[data], help="forget old logs and pictures")
    purge.add_argument("--older-than", type=_whole_number, required=True, metavar="DAYS")
    purge.set_defaults(func=cmd_purge)


def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _limit_changes(args) -> dict:
    changes = {name: getattr(args, name) for name in Limits.names() if getattr(args, name, None) is not None}
    if getattr(args, "models", None):
        changes["models"] = sorted(set(args.models))
    return changes


def _fail(text: str) -> int:
    print(text, file=sys.stderr)
    return 2


# ---- serve ------------------------------------------------------------------------------------------------


def cmd_serve(args) -> int:
    from ..errors import redact
    try:
        from .server import Gateway, RedactFilter, serve_forever
    except ImportError as missing:          # the student's install: no aiohttp
        return _fail(str(missing))

    environ = os.environ
    as_hub_service = bool(environ.get("JUPYTERHUB_SERVICE_NAME"))
    host, port = args.host, args.port
    service_url = environ.get("JUPYTERHUB_SERVICE_URL") if as_hub_service else None
    if service_url and (host is None or port is None):  # a hub-managed service listens where the hub says
        split = urlsplit(service_url)
        host = host or split.hostname
        port = port if port is not None else split.port
    try:
        hub = hub_from_environment(default_class=args.hub_class) if (args.hub or as_hub_service) else None
        if (args.hub or as_hub_service) and hub is None:
            raise ConfigProblem("--hub needs JUPYTERHUB_API_URL (and JUPYTERHUB_API_TOKEN) in the environment.")
        if args.hub_class and not CLASS_NAME.match(args.hub_class):
            raise ConfigProblem("A class name may use letters, digits, - and _ (up to 40).")
        prefix = args.prefix if args.prefix is not None else (environ.get("JUPYTERHUB_SERVICE_PREFIX", "")
                                                              if hub else "")
        config = GatewayConfig(
            data=Path(args.data), upstream=upstream_for(args.region, args.upstream), keys=read_keys(args.keys_file),
            host=host or "127.0.0.1", port=DEFAULT_PORT if port is None else port, prefix=prefix,
            public_url=args.public_url, classes=tuple(args.classes or ()), hub=hub,
            max_body_bytes=max(1, args.max_body_kb) * 1024, poll_interval=max(0.05, args.poll_interval),
            lookups_per_second=max(0.1, args.lookups_per_second), text_per_minute=max(1, args.text_per_minute))
    except ConfigProblem as problem:
        return _fail(str(problem))

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if args.verbose else logging.INFO)
    if not args.verbose:
        logging.getLogger("urllib3").setLevel(logging.WARNING)

    try:
        gateway = Gateway(config).start()
    except (OSError, RuntimeError, ConfigProblem) as problem:
        return _fail(redact(f"The gateway could not start: {problem}"))
    store = gateway.store
    accounts = ", ".join(a.name for a in gateway.upstream.accounts)
    print(f"Storykit classroom gateway on {gateway.url}", flush=True)
    print(f"  students:  kit.setup(\"dashscope\", api_key=<token from their card>, base_url=\"{gateway.api_url}\")")
    print(f"  upstream:  {config.upstream}   accounts: {accounts} (keys are never shown)")
    print(f"  data:      {config.data}")
    print(f"  classes:   {', '.join(gateway.open_classes()) or 'none yet: storykit gateway class create 3A --students 30'}")
    if hub:
        print(f"  JupyterHub: users of {hub.api_url} are recognised by their hub token"
              + (f" (default class {hub.default_class})" if hub.default_class else ""))
    if not store.has_teacher_token():
        token = store.new_teacher_token()
        print(f"  teacher:   {gateway.url}/teacher   teacher token (shown once, keep it): {token}")
    else:
        print(f"  teacher:   {gateway.url}/teacher   (storykit gateway teacher-token makes a new token)")
    if config.host in ("127.0.0.1", "localhost"):
        print("  Only this computer can reach it; use --host 0.0.0.0 to serve the classroom network.")
    print("Ctrl-C stops it; jobs in progress carry on at the next start.", flush=True)
    serve_forever(gateway)
    return 0


# ---- classes and students -----------------------------------------------------------------------------


def _cards(args, store: Store, name: str, made: list[tuple[str, str]]) -> None:
    from .cards import guess_gateway_url, write_cards

    url = args.url or guess_gateway_url(DEFAULT_PORT)
    path = Path(args.cards) if args.cards else store.data / "cards" / f"{name}.html"
    if path.exists() and not args.cards:  # keep earlier cards: a new file for the new students
        path = path.with_name(f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.html")
    write_cards(path, name, url, made)
    print(f"\nPrintable cards: {path}\n(Print them, hand them out, then delete the file: the tokens cannot be "
          "shown again.)")


def _print_tokens(made: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in made)
    for label, token in made:
        print(f"{label:<{width}}  {token}")


def cmd_class_create(args) -> int:
    if not CLASS_NAME.match(args.name):
        return _fail("A class name may use letters, digits, - and _ (up to 40), e.g. 3A or p5-blue.")
    if args.students > 500:
        return _fail("--students must be between 0 (a class for JupyterHub users) and 500.")
    store = Store(Path(args.data))
    try:
        store.create_class(args.name, _limit_changes(args))
        made = store.add_students(args.name, args.students)
    except StoreProblem as problem:
        return _fail(str(problem))
    if not made:
        print(f"Class {args.name}: no token students (hub users in the group {args.name} join it by themselves).")
        return 0
    print(f"Class {args.name}: {len(made)} students. Each token is shown only now:")
    _print_tokens(made)
    _cards(args, store, args.name, made)
    return 0


def cmd_class_add(args) -> int:
    if not 1 <= args.students <= 500:
        return _fail("--students must be between 1 and 500.")
    store = Store(Path(args.data))
    try:
        made = store.add_students(args.name, args.students)
    except StoreProblem as problem:
        return _fail(str(problem))
    _print_tokens(made)
    _cards(args, store, args.name, made)
    return 0


def cmd_class_set(args) -> int:
    store = Store(Path(args.data))
    changes = _limit_changes(args)
    if not changes:
        return _fail("Say which limits to change, e.g. --images-per-day 10 (see --help).")
    try:
        limits = store.set_class_limits(args.name, changes)
    except StoreProblem as problem:
        return _fail(str(problem))
    print(f"Class {args.name}: " + ", ".join(f"{k.replace('_', ' ')} = {v}" for k, v in sorted(limits.items())))
    return 0


def cmd_class_list(args) -> int:
    from .quota import QuotaBook

    store = Store(Path(args.data))
    quotas = QuotaBook(store)
    for name in store.class_names():
        students = store.students(name)
        active = sum(1 for s in students if s.revoked is None)
        limits = quotas.limits_for(name)
        print(f"{name}: {active} active students ({len(students) - active} revoked); per student per day "
              f"{limits.requests_per_day} requests, {limits.tokens_per_day} tokens, {limits.images_per_day} pictures")
    if not store.class_names():
        print("No classes yet: storykit gateway class create 3A --students 30")
    return 0


def cmd_revoke(args) -> int:
    if bool(args.token) == bool(args.student):
        return _fail("Give the token, or --student LABEL (not both).")
    store = Store(Path(args.data))
    student = store.revoke(token=args.token) if args.token else store.revoke(label=args.student)
    if student is None:
        return _fail("No student has that token." if args.token else f"No student is labelled {args.student!r}.")
    print(f"Revoked: {student.label} ({student.class_name}). Their token stops working at once.")
    return 0


# ---- watching ---------------------------------------------------------------------------------------------


def cmd_report(args) -> int:
    from . import report
    from .quota import QuotaBook

    store = Store(Path(args.data))
    if args.class_name and args.class_name not in store.class_names():
        return _fail(f"There is no class called {args.class_name!r}.")
    print(report.usage_text(report.usage(store, QuotaBook(store), class_name=args.class_name, day=args.day)))
    if args.log or args.flagged:
        rows = store.recent_log(class_name=args.class_name, flagged=args.flagged, limit=args.log or 50)
        print(report.log_text(list(reversed(rows))))
    return 0


def cmd_blocklist(args) -> int:
    store = Store(Path(args.data))
    if args.action == "list":
        phrases = store.blocklist()
        print("\n".join(phrases) if phrases else "The blocklist is empty.")
        return 0
    phrases = [p.strip() for p in args.phrases if p.strip()]
    if not phrases:
        return _fail(f"Say which words to {args.action}, e.g. storykit gateway blocklist {args.action} \"some words\"")
    for phrase in phrases:
        if args.action == "add":
            store.block(phrase)
        elif not store.unblock(phrase):
            print(f"Not on the list: {phrase}")
    print(f"The blocklist has {len(store.blocklist())} phrase(s). A running gateway uses it at once.")
    return 0


def cmd_teacher_token(args) -> int:
    store = Store(Path(args.data))
    print(f"New teacher token (shown once; the old one no longer works): {store.new_teacher_token()}")
    return 0


def cmd_purge(args) -> int:
    store = Store(Path(args.data))
    lines, pictures = store.purge(time.time() - args.older_than * 86400)
    print(f"Forgot {lines} log line(s) and {pictures} picture(s) older than {args.older_than} day(s).")
    return 0
