"""Static rendering of chart specs with vl-convert: the no-JavaScript fallback and reports.

vl-convert runs Vega in an embedded engine, so the image is drawn by the same library as the
browser's interactive chart, from the same spec. Rendering costs tens of milliseconds (the first
call in a process half a second), so results are cached by the spec's content: a page and its
image request share one rendering, and a changed number changes the key.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

import vl_convert

_CACHE_SIZE = 256
_cache: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def spec_key(spec: dict[str, Any]) -> str:
    """A content hash of ``spec`` (stable across processes; used for caching and ETags)."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def chart_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document (text), rendered once per distinct spec in this process."""
    key = spec_key(spec)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    svg = vl_convert.vegalite_to_svg(spec)
    with _lock:
        _cache[key] = svg
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return svg


def chart_png(spec: dict[str, Any], *, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, for documents that cannot embed SVG (Word)."""
    return vl_convert.vegalite_to_png(spec, scale=scale)
