"""Wirehouse: news articles into a DuckDB warehouse of articles, quotes and events.

The public API lives in :mod:`wirehouse.api`; this package imports nothing heavy itself,
so ``import wirehouse.errors`` stays cheap for the lower layers.
"""

from __future__ import annotations

__version__ = "0.1.0"
