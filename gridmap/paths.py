"""Where the shipped data and resources live (works installed or from a checkout)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def data_file(*parts: str) -> Traversable:
    """A file under the repository's ``data/`` (importable as ``gridmap_data``)."""
    return resources.files("gridmap_data").joinpath(*parts)


def resource_file(*parts: str) -> Traversable:
    """A file under the repository's ``resources/`` (importable as ``gridmap_resources``)."""
    return resources.files("gridmap_resources").joinpath(*parts)
