"""Invoice total extraction (started as a proof of concept)."""
