"""The account's own limits, kept on the gateway's side so the service never has to say "too fast".

``SubmitWindow``: at most N submissions in any window of W seconds (Wanxiang allows two a second per account;
the gateway uses a window a little longer than a second so network jitter cannot squeeze a third one in).

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

    def acquire(self, who, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            ticket = (who, next(self._tickets))
            self._waiting.append(ticket)
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
