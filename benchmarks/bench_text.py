"""Figure 1: what the kit adds to a text call. ``kit.ask`` against a raw ``dashscope.Generation.call``.

Both talk to the same fake DashScope on 127.0.0.1, which answers after a fixed delay (a quick real reply), through
the same SDK. What is left is the kit's own work: checking the prompt, the journal entry written before and after
the call (so nothing is lost or paid twice), and turning the answer into a ``Reply``.
"""

from __future__ import annotations

import tempfile

from benchlib import KEY, TEXT_MODEL, interleaved, row

FIGURE = 1
TITLE = "Kit overhead on a text call"
DELAY = 0.30        # seconds the fake takes to answer: a short, fast reply from the real service
GOAL = 1.05


def measure(quick: bool) -> list[dict]:
    import dashscope
    from fake_dashscope import FakeDashScope

    import kit

    runs = 6 if quick else 30
    with FakeDashScope(valid_keys=(KEY,), text_delay=DELAY) as fake, \
            tempfile.TemporaryDirectory(prefix="bench-text-") as workdir:
        kit.setup("dashscope", api_key=KEY, base_url=fake.base_url, workdir=workdir, quiet=True)

        def with_kit(i: int) -> None:
            reply = kit.ask(f"Write one sentence about a brave little dragon, number {i}")
            assert reply.text

        def raw(i: int) -> None:
            dashscope.base_http_api_url = fake.base_url
            response = dashscope.Generation.call(
                model=TEXT_MODEL, result_format="message", api_key=KEY,
                messages=[{"role": "user", "content": f"Write one sentence about a brave little dragon, number {i}"}])
            assert response.status_code == 200 and response.output.choices[0].message.content

        kit_times, base_times = interleaved(with_kit, raw, runs, warmup=2)
        text_requests = len(fake.requests_to("/text-generation/"))
    added = (sorted(kit_times)[len(kit_times) // 2] - sorted(base_times)[len(base_times) // 2]) * 1000
    result = row(FIGURE, "1", "Text call: `kit.ask` vs `dashscope.Generation.call`", unit="ms", scale=1000,
                 kit=kit_times, base=base_times, kit_label="kit.ask", base_label="Generation.call",
                 goal=f"ratio ≤ {GOAL}",
                 extra={"fake_delay_s": DELAY, "runs": runs, "requests_seen": text_requests,
                        "added_ms": round(added, 1)})
    result["met"] = result["ratio"] <= GOAL
    result["meaning"] = (f"The kit adds about {added:.0f} ms to a reply that takes {DELAY * 1000:.0f} ms on the "
                         f"wire: no child can notice it, and against a real reply of one to three seconds it "
                         f"is under 1 %.")
    return [result]
