"""Choosing words: temperature, top_p and seed in one small class."""

from __future__ import annotations

import hashlib
import json
import math
import random

from .request import _content


# --- choosing words: temperature, top_p and seed in one small class --------------------------------
class _Picker:
    """Picks from a list ordered most-common-first, the way a model samples its next word.

    Rank i gets weight exp(-i * 0.5 / temperature); top_p keeps only the most likely options
    whose probabilities add up to top_p; temperature 0 always takes the first (greedy).
    At temperature >= 1.2 the whimsical WILD options are mixed in near the top.
    """

    def __init__(self, rng: random.Random, temperature: float, top_p: float | None):
        self.rng, self.temperature = rng, temperature
        self.top_p = 1.0 if top_p is None else top_p
        self.wild = temperature >= 1.2 and self.top_p >= 0.3

    def pool(self, options, wild=()):
        if not (self.wild and wild):
            return list(options)
        mixed = []
        for i in range(max(len(options), len(wild))):
            mixed += list(wild[i:i + 1]) + list(options[i:i + 1])
        return mixed

    def pick(self, options, wild=()):
        return self.sample(options, 1, wild)[0]

    def sample(self, options, k, wild=()):
        pool = self.pool(options, wild)
        if self.temperature <= 0:
            return pool[:k]
        chosen = []
        while pool and len(chosen) < k:
            weights = [math.exp(-i * 0.5 / self.temperature) for i in range(len(pool))]
            total, keep, running = sum(weights), 0, 0.0
            for keep, w in enumerate(weights, 1):
                running += w / total
                if running >= self.top_p:
                    break
            i = self.rng.choices(range(keep), weights=weights[:keep])[0]
            chosen.append(pool.pop(i))
        return chosen


def _seed(messages: list, temperature: float, top_p: float | None, seed: int | None) -> int:
    """A stable seed (hashlib, not hash(): Python salts hash() per run). Temperature 0 ignores the seed."""
    turns = [[str(m.get("role", "")), _content(m.get("content"))] for m in messages if isinstance(m, dict)]
    settings = None if temperature <= 0 else [round(temperature, 4), top_p, seed]
    blob = json.dumps([turns, settings], ensure_ascii=False, sort_keys=True)
    return int.from_bytes(hashlib.sha256(blob.encode("utf-8")).digest()[:8], "big")
