"""``fzcheck serve``: the local web page for report authors (``server`` for HTTP, ``app_core``
for what one request does), the worker processes its checks run in (``pool``), and the notice
that lets ``fzcheck check`` find a running server (``discovery``).

May import: everything below it; nothing imports ``serve`` except the CLI (and ``run.remote``'s
discovery look-up through ``serve.discovery``, which imports only ``checker.base``).
"""
