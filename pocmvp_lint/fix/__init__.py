"""`pocmvp-lint fix`: scaffold what a check found missing, as a reviewable diff (docs/fix.md)."""
