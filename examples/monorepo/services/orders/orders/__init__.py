"""Repeat orders for wholesale customers."""
