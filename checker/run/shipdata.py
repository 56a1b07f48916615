"""Builds the data that ships inside the wheel (checker/base/shipped.py): run by setup.py over the
package it is about to pack, with the project's example reports as samples.

usage: python -m checker.run.shipdata OUT [SAMPLE.txt ...]
"""
from __future__ import annotations

import marshal
import os
import sys
import tempfile
from pathlib import Path

from ..base import shipped

# Kinds that are the user's or the machine's, not the package's.
NOT_SHIPPED = frozenset({"jieba-prefix"})


def build(out: Path, samples: list[str]) -> dict:
    """Runs the bundled rules over ``samples`` (report texts) in this process with an empty, private
    cache folder, recording every value the run would keep there and every pattern it compiled
    (module-level patterns are compiled on import), and writes them as the shipped table."""
    shipped._table = {}  # nothing shipped is read while building (a stale file must not be copied forward)
    scratch = tempfile.mkdtemp(prefix="fzcheck-ship-")
    os.environ["FZCHECK_CACHE"] = os.path.join(scratch, "cache")
    os.environ["FZCHECK_CACHE_KEY"] = os.path.join(scratch, "key")
    from ..base import datacache

    recorded: dict[str, object] = {}
    keep = datacache.store

    def record(kind, key, value, *args, **kwargs):
        if kind not in NOT_SHIPPED:
            recorded[shipped.name(kind, key)] = marshal.dumps(value, shipped.MARSHAL_VERSION)
        return keep(kind, key, value, *args, **kwargs)

    datacache.store = record
    try:
        from ..engine.config import bundled_profiles
        from ..patterns import rx
        from .pipeline import Checker

        checker = Checker(discover_config=False)
        for profile in bundled_profiles():
            checker.settings(profile)
        # The samples go through a whole round, as `fzcheck check` runs it (reading the files, the
        # batch step, every per-report and batch writer), so the patterns compiled on that path are kept.
        folder = Path(scratch) / "samples"
        folder.mkdir()
        files = []
        for index, text in enumerate(samples):
            path = folder / f"sample{index}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        try:
            from .outputs import Outputs
            from .round import Round
        except ImportError:  # a writer's library missing where the wheel is built: the checks alone
            for text in samples:
                checker.check_text(text)
        else:
            outputs = Outputs(Path(scratch) / "out", ["json", "html", "sarif", "junit", "text"], files)
            round_ = Round(checker, files, outputs=outputs)
            for _ in round_:
                pass
            round_.finish()
        recorded[shipped.name("regex", rx.KEY)] = marshal.dumps(dict(rx.entries()), shipped.MARSHAL_VERSION)
    finally:
        datacache.store = keep
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(marshal.dumps(recorded, shipped.MARSHAL_VERSION))
    return recorded


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.rsplit("usage: ", 1)[1], file=sys.stderr)
        return 2
    out = Path(argv[0])
    recorded = build(out, [Path(p).read_text("utf-8") for p in argv[1:]])
    from ..patterns import rx

    patterns = len(marshal.loads(recorded[shipped.name("regex", rx.KEY)]))
    print(f"shipped: {len(recorded)} values, {patterns} compiled patterns → {out} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
