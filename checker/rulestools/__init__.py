"""Tools for rule authors and CI: ``fzcheck rules validate | test | docs | diff | trace | patterns``.

May import: every package except ``serve`` and the command line."""
