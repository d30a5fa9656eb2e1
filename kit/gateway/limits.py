"""The account's own limits, kept on the gateway's side so the service never has to say "too fast".

``SubmitWindow``: at most N submissions in any window of W seconds (Wanxiang allows two a second per account;
the gateway uses a window a little longer than a second so network jitter cannot squeeze a third one in).

``Pace``: at most R requests a second on average, with bursts of B: each caller is given its own moment to
go, in the order they asked, so a class's burst waits in line instead of meeting the service's 429
(text: ``qwen-flash`` allows about 600 requests a minute in Singapore; task look-ups about 20 a second).

``FairGate``: at most N text requests upstream at once. When the gate is full, the next place goes to the
waiting student who holds the fewest places now; among equals, to the student who was let in least recently
(round robin), then to whoever has waited longest. One student's burst of requests therefore never pushes a
classmate to the back.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter, deque


class SubmitWindow:
    """A sliding window of recent submission times (monotonic seconds). Not thread-safe: one owner."""

    def __init__(self, per_window: int, window: float):
        self.per_window = max(1, int(per_window))
        self.window = float(window)
        self._times: deque[float] = deque(maxlen=self.per_window)

    def next_free(self, now: float) -> float:
        """The earliest moment (>= now) at which one more submission keeps within the limit."""
        if len(self._times) < self.per_window:
            return now
        return max(now, self._times[0] + self.window)

    def record(self, at: float) -> None:
        self._times.append(at)

    def hold_until(self, until: float) -> None:
        """Make the window look full until ``until`` (after the service said "too many": back off)."""
        for _ in range(self.per_window):
            self._times.append(until - self.window)


class Pace:
    """A token bucket that hands out moments (GCRA): ``reserve()`` returns when the caller may go, now or later;
    at most ``burst`` at once, then one every ``1 / per_second`` seconds."""

    def __init__(self, per_second: float, burst: int):
        self.interval = 1.0 / max(1e-6, float(per_second))
        self.tolerance = (max(1, int(burst)) - 1) * self.interval
        self._due = 0.0   # the theoretical moment of the next request, were they evenly spaced
        self._lock = threading.Lock()

    def reserve(self, now: float | None = None) -> float:
        with self._lock:
            now = time.monotonic() if now is None else now
            self._due = max(self._due, now)
            go = max(now, self._due - self.tolerance)
            self._due += self.interval
            return go

    def hold_until(self, until: float) -> None:
        """The service said "too many": nobody goes before ``until``."""
        with self._lock:
            self._due = max(self._due, until + self.tolerance)


class FairGate:
    def __init__(self, capacity: int):
        self.capacity = max(1, int(capacity))
        self._cond = threading.Condition()
        self._held: Counter = Counter()
        self._in_use = 0
        self._waiting: list[tuple[object, int]] = []
        self._tickets = itertools.count()
        self._admitted = itertools.count()
        self._last_in: dict[object, int] = {}

    def load(self, who) -> int:
        """Places held plus places waited for by ``who``."""
        with self._cond:
            return self._held[who] + sum(1 for w, _ in self._waiting if w == who)

    def enter(self, who, most: int):
        """Join the line, in one step with the check that ``who`` holds or waits for fewer than ``most``
        places (so a burst of one student's requests cannot all pass the check at once). Returns a ticket for
        ``wait``, or None when ``who`` already has ``most``."""
        with self._cond:
            if self._held[who] + sum(1 for w, _ in self._waiting if w == who) >= most:  # (load, inlined: one lock)
                return None
            ticket = (who, next(self._tickets))
            self._waiting.append(ticket)
            return ticket

    def leave(self, ticket) -> None:
        """Give up a ticket that has not been let in (a later check refused the request)."""
        with self._cond:
            if ticket in self._waiting:
                self._waiting.remove(ticket)
                self._cond.notify_all()

    def wait(self, ticket, timeout: float) -> bool:
        """Wait for the ticket's turn; False (and out of the line) after ``timeout`` seconds."""
        who = ticket[0]
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (self._in_use < self.capacity and self._next() == ticket):
                left = deadline - time.monotonic()
                if left <= 0:
                    self._waiting.remove(ticket)
                    self._cond.notify_all()
                    return False
                self._cond.wait(left)
            self._waiting.remove(ticket)
            self._held[who] += 1
            self._in_use += 1
            if len(self._last_in) > 10_000:
                self._last_in.clear()
            self._last_in[who] = next(self._admitted)
            self._cond.notify_all()
            return True

    def acquire(self, who, timeout: float) -> bool:
        ticket = self.enter(who, most=1 << 30)
        return self.wait(ticket, timeout)

    def release(self, who) -> None:
        with self._cond:
            self._held[who] -= 1
            if self._held[who] <= 0:
                del self._held[who]
            self._in_use -= 1
            self._cond.notify_all()

    def _next(self):
        return min(self._waiting,
                   key=lambda ticket: (self._held[ticket[0]], self._last_in.get(ticket[0], -1), ticket[1]))
