"""Nearest-neighbour tour improved by 2-opt, on last Tuesday's delivery stops."""

from __future__ import annotations

import math

Stop = tuple[float, float]

# (x, y) in km from the depot, as the planners recorded them.
STOPS: list[Stop] = [(0, 0), (4, 1), (6, 5), (1, 7), (3, 3), (8, 2), (7, 8), (2, 5), (5, 6), (9, 4)]
HAND_PLANNED = [0, 1, 5, 9, 2, 6, 8, 3, 7, 4]


def length(tour: list[int]) -> float:
    return sum(math.dist(STOPS[a], STOPS[b]) for a, b in zip(tour, tour[1:] + tour[:1]))


def nearest_neighbour() -> list[int]:
    tour, left = [0], set(range(1, len(STOPS)))
    while left:
        nxt = min(left, key=lambda i: math.dist(STOPS[tour[-1]], STOPS[i]))
        tour.append(nxt)
        left.remove(nxt)
    return tour


def two_opt(tour: list[int]) -> list[int]:
    improved = True
    while improved:
        improved = False
        for i in range(1, len(tour) - 1):
            for j in range(i + 1, len(tour)):
                candidate = tour[:i] + tour[i : j + 1][::-1] + tour[j + 1 :]
                if length(candidate) < length(tour) - 1e-9:
                    tour, improved = candidate, True
    return tour


if __name__ == "__main__":
    before, after = length(HAND_PLANNED), length(two_opt(nearest_neighbour()))
    print(f"hand-planned {before:.1f} km, optimised {after:.1f} km, saving {1 - after / before:.0%}")
