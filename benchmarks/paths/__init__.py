"""The hot paths the benchmark measures: one module each, found by ``discover``.

A module registers its scenario with ``@hot_path(name, order=...)`` on a
function ``measure(ctx)`` that records the summaries of its runs in
``ctx.results``; it may add the targets it is held to (``@<path>.target``),
what its floors do (``floors=``, Markdown bullets for RESULTS.md) and, by
check, the advice printed while a target is missed. A new hot path is a new
module here::

    from paths import Check, hot_path

    @hot_path("search", order=60, floors="- search: ...\\n")
    def measure(ctx):
        samples, out = ctx.runner.compare("search", orm, floor)
        ctx.record("search", "(e) search", out["orm"], samples)

    @measure.target(order=60)
    def targets(by_name, extra):
        if "search" in by_name:
            yield Check("search", "search: <= 5 queries", ..., "... queries")

``ctx`` holds ``env`` (superuser), ``runner`` (``common.Runner``), ``data``
(``dataset.Data``), ``sizes`` (``dataset.Sizes``), ``results`` (``ctx.record``
adds to them), ``extra`` (what a path hands to its targets), ``pdf`` and
``profile`` (the path profiled); ``ctx.as_coordinator()`` gives the
coordinator's environment and programme.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, NamedTuple

REGISTRY = {}


class Check(NamedTuple):
    """One line of the targets table; ``advice`` is printed while it is missed."""

    name: str
    text: str
    ok: bool
    why: str
    advice: str | None = None


def query_check(name, text, result, target, advice=None):
    """The check that the path ``name`` ran in at most ``target`` queries, on every run of ``result``."""
    worst = max(result["orm_queries"])
    return Check(name, f"{text}: <= {target} queries", worst <= target, f"{worst} queries", advice)


@dataclass
class HotPath:
    name: str  # what --only selects
    measure: Any
    order: int  # of the measurements, the results table and the floors
    floors: str = ""
    needs_http: bool = False  # wkhtmltopdf fetches the report's assets over HTTP
    targets: Any = None
    targets_order: int = 0  # of the targets table
    module: str = field(default="", repr=False)

    def target(self, order):
        """Register ``fn(by_name, extra)``, which yields the path's ``Check``s."""

        def register(fn):
            self.targets = fn
            self.targets_order = order
            return fn

        return register


def hot_path(name, order, floors="", needs_http=False):
    def register(fn):
        if name in REGISTRY:
            raise ValueError(f"hot path {name!r} registered twice ({REGISTRY[name].module}, {fn.__module__})")
        REGISTRY[name] = HotPath(name, fn, order, floors, needs_http, module=fn.__module__)
        return REGISTRY[name]

    return register


def discover():
    """Import every module of this package; the hot paths, in their order."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return sorted(REGISTRY.values(), key=lambda path: path.order)
