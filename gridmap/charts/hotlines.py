"""Community hotlines (社区服务电话), printed on every chart: public numbers kept in
the project's metadata (key ``hotlines``, JSON: community code → number)."""

from __future__ import annotations

import json
from collections.abc import Mapping

META_KEY = "hotlines"


def read_hotlines(meta: Mapping[str, str]) -> dict[str, str]:
    """Community code → hotline; an unreadable entry reads as none (charts say so)."""
    try:
        found = json.loads(meta.get(META_KEY, "{}"))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def hotlines_meta(hotlines: Mapping[str, str]) -> str:
    return json.dumps(dict(sorted(hotlines.items())), ensure_ascii=False)
