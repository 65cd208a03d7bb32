"""Hostile-repository tests: each module reproduces one class of attack and proves it fails."""
