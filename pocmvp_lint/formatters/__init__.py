"""Renderers over one run result (text, json) and over the rule registry. Adding a format touches no rule."""
