"""The classroom gateway: the teacher holds the DashScope key, every student gets a fair share, nothing leaks.

Children cannot have Alibaba Cloud accounts, and a class shares one account's limits (for Wanxiang: two image
jobs running and two submissions a second). The gateway is a small HTTP server the teacher starts with
``storykit gateway serve``. It speaks the DashScope wire protocol itself, so the kit and the real ``dashscope``
SDK use it unchanged: ``kit.setup("dashscope", api_key=<student token>, base_url=<gateway>/api/v1)``.

One module, one concern:

    config.py    what ``serve`` was told: address, data folder, upstream region and keys, tuning
    protocol.py  the service's wire shapes and the error codes the gateway answers with
    store.py     the SQLite file: classes, hashed tokens, usage, the prompt log, image jobs, the blocklist
    quota.py     per-student and per-class daily limits, and the polite 429 that says when to come back
    safety.py    the teacher's blocklist, and which service refusals count as safety flags
    limits.py    the account's own limits: a submission window, a pace (text, look-ups), a fair gate for text
    upstream.py  the teacher's keys (grouped by account) and every request that leaves the gateway
    text.py      text generation forwarded as JSON or as a Server-Sent Events stream, chunk by chunk
    images.py    picture jobs as a student sees them: submit, poll, cancel, list, and the picture files
    queue.py     the image scheduler: round robin over students, within each account's limits, restartable
    hub.py       JupyterHub service authentication: students on the hub need no token of their own
    report.py    usage per student, for the CLI and the read-only teacher page
    cards.py     printable bilingual cards with each student's token
    server.py    the HTTP server (aiohttp.web) that ties these together
    cli.py       ``storykit gateway ...`` (also ``python -m kit.gateway ...``, see __main__.py)

See docs/gateway.md for the teacher's guide and the security model.
"""

from __future__ import annotations

__all__ = ["Gateway", "GatewayConfig"]


def __getattr__(name: str):
    """``Gateway`` and ``GatewayConfig`` load on first use, so ``storykit`` starts without the server's imports."""
    if name == "Gateway":
        from .server import Gateway

        return Gateway
    if name == "GatewayConfig":
        from .config import GatewayConfig

        return GatewayConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
