"""What one run is asked to do: built once by the command line, the web server or the Python API,
and handed unchanged to the checker, the batch workers (it pickles) and the round.  Every default
of a run is spelt here, or in :mod:`checker.base` where lower layers need it too."""
from __future__ import annotations

from dataclasses import dataclass, fields

from ..base.limits import DEFAULT_SECONDS
from ..base.given import Given

# Fields a running ``fzcheck serve`` decides for itself (its own rules and configuration) or cannot
# do for a client (a store, a registry): a request with any of them set is checked here.
SERVER_DECIDES = ("rules", "config", "profile", "disable", "waivers", "baseline", "previous", "store")


@dataclass(frozen=True)
class RunRequest:
    # What to check with.
    rules: tuple[str, ...] | None = None      # rule files, folders or pack names (None: the configuration's)
    config: str | None = None                 # project configuration file
    discover_config: bool = True              # look for fzcheck.yaml / [tool.fzcheck] when no config is named
    profile: str | None = None                # bundled profile name or a profile file
    disable: tuple[str, ...] = ()             # rule ids switched off for this run
    fail_on: str | None = None                # None: the configuration's, else vocab.DEFAULT_FAIL_ON
    given: Given = Given()                    # metadata stated for every report (year, level, date)
    waivers: str | None = None
    use_waivers: bool = True
    baseline: str | None = None
    previous: str | None = None               # last year's report(s) for the history rules
    store: str | None = None                  # results store path (None: none, unless store_from_settings)
    store_from_settings: bool = False         # else the configuration's store: or FZCHECK_STORE (the command line)
    # How to run it.
    time_limit: float | None = DEFAULT_SECONDS  # seconds per file; None or 0: no limit
    jobs: int = 1
    debug: bool = False
    server: str | None = None                 # URL of a running fzcheck serve that checks instead

    def __post_init__(self):
        # Lists from argparse or callers become tuples: the request is frozen and hashable.
        for name in ("rules", "disable"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))

    def set_for_the_server(self) -> list[str]:
        """The fields set here that a running server would decide itself."""
        return [name for name in SERVER_DECIDES if getattr(self, name)]

    def is_default(self, name: str) -> bool:
        field = next(f for f in fields(self) if f.name == name)
        return getattr(self, name) == field.default
