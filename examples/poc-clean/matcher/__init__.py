"""Find duplicate suppliers by normalised fuzzy name matching (proof of concept)."""
