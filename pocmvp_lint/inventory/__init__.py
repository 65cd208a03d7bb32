"""Inventory: which files a project has (git's index or a folder walk) and bounded reads of them."""

from pocmvp_lint.inventory.inventory import Inventory, build_inventory
from pocmvp_lint.inventory.reader import Reader

__all__ = ["Inventory", "Reader", "build_inventory"]
