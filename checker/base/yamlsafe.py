"""The one YAML loader for every data file fzcheck reads: rule packs, clause catalogues, the project
configuration and profiles, waivers, lexicons and registries.

Safe (no tags that build objects), libyaml's C parser when available, a size limit checked before
parsing, aliases refused (a few hundred bytes of anchors can expand into gigabytes: "billion
laughs"), dates kept as the text the author wrote (``expires: 2025-06-30`` is a string, validated by
the schema, not a ``datetime.date``), and positions kept so that every problem is reported as
``file:line:col``.

PyYAML is imported on first use: the data files that ship with fzcheck are read back from the cache
folder once parsed (:func:`load_bundled`), so a check with the bundled rules and no project files of
its own does not import it at all (about 15 ms of a cold start).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import datacache

MAX_DATA_FILE_BYTES = 1024 * 1024


@lru_cache(maxsize=1)
def data_loader():
    """The loader class: safe, libyaml's when available, without the timestamp resolver (dates stay
    strings)."""
    import yaml

    class DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    DataLoader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return DataLoader


def load_bundled(name: str, data: bytes):
    """The content of a YAML file that ships with fzcheck (``name`` says which, for the cache's
    bookkeeping), parsed once per machine."""
    kind = "yaml-" + "".join(ch if ch.isalnum() else "-" for ch in name)
    cached = datacache.load(kind, data)
    if isinstance(cached, tuple) and len(cached) == 1:
        return cached[0]
    content = parse_yaml(data.decode("utf-8"))[1]
    datacache.store(kind, data, (content,))
    return content


def package_data(package: str, name: str):
    """A YAML data file that ships in a package (``checker/<package>/data/<name>.yaml``), parsed once
    per machine through :func:`load_bundled`."""
    return load_bundled(name, resources.files(f"checker.{package}").joinpath(f"data/{name}.yaml").read_bytes())


class DataFileError(Exception):
    """A data file that cannot be read or parsed; ``problem`` is one ``file:line:col - message`` line
    that names the file and the problem, never the file's content."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def has_alias(node) -> bool:
    """Aliases make one composed node reachable twice; data files need none."""
    import yaml

    seen, stack = set(), [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in current.value for n in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return False


def parse_yaml(text: str):
    """(node tree with positions, content) from one parse; raises yaml.YAMLError, or ValueError for
    an alias."""
    loader = data_loader()(text)
    try:
        # Composing refuses nothing by itself: check for aliases before constructing anything.
        tree = loader.get_single_node()
        if tree is not None and has_alias(tree):
            raise ValueError("alias")
        return tree, (loader.construct_document(tree) if tree is not None else None)
    finally:
        loader.dispose()


def read_data_file(path: Path | str, kind: str = "数据文件", max_bytes: int = MAX_DATA_FILE_BYTES):
    """(content, tree, raw bytes) of one YAML data file; raises DataFileError."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DataFileError(f"{path}:1:1 - 无法读取{kind} / cannot read file: {exc.strerror}") from exc
    if len(data) > max_bytes:
        raise DataFileError(f"{path}:1:1 - {kind}超过 {max_bytes // 1024} KB / file larger than {max_bytes // 1024} KB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}:1:1 - {kind}不是 UTF-8 编码 / not UTF-8") from exc
    import yaml

    try:
        tree, content = parse_yaml(text)
    except ValueError as exc:
        raise DataFileError(f"{path}:1:1 - {kind}不能使用 YAML 别名（*name）/ YAML aliases are not allowed") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        raise DataFileError(f"{path}:{where} - YAML 语法错误 / YAML syntax error: {getattr(exc, 'problem', None) or 'invalid'}") from exc
    return content, tree, data


def folder_files(folder: Path, recursive: bool = False) -> list[Path]:
    """The .yaml files of a configured folder, each confined like a path written in a configuration:
    a file (a symbolic link) that resolves outside the folder is refused, not read."""
    from .errors import RuleError

    root = folder.resolve()
    found = sorted(folder.rglob("*.yaml") if recursive else folder.glob("*.yaml"))
    outside = [path for path in found if not path.resolve().is_relative_to(root)]
    if outside:
        raise RuleError([f"{path}:1:1 - 文件指向所在文件夹以外（符号链接），不予读取 / the file resolves outside its folder "
                         f"{folder}; not read" for path in outside])
    return found


def mark(node, path) -> tuple[int, int]:
    """Line and column (1-based) of the YAML node at ``path`` (keys and indexes), or of the deepest
    node on the way there."""
    import yaml

    current = node
    for step in path:
        if isinstance(current, yaml.MappingNode):
            match = next((v for k, v in current.value if k.value == step), None)
            if match is None:
                break
            current = match
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int) and step < len(current.value):
            current = current.value[step]
        else:
            break
    if current is None:
        return 1, 1
    return current.start_mark.line + 1, current.start_mark.column + 1


_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number",
               type(None): "null"}


def schema_message(error) -> str:
    """A jsonschema error told from the schema's side: what was expected, never the value that was found
    (jsonschema's own message quotes the value — a file read by mistake, a key, would be printed).
    Unknown keys are named, shortened; they are what the author has to fix."""
    if not hasattr(error, "validator"):  # a check of our own, worded without the value
        return error.message
    validator, expected = error.validator, error.validator_value
    found = _JSON_TYPES.get(type(error.instance), "value")
    if validator == "required":
        missing = [key for key in expected if isinstance(error.instance, dict) and key not in error.instance]
        return "缺少必填项 / missing required key: " + ", ".join(map(str, missing or expected))
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list((error.schema or {}).get("properties", {}))
        extra = [key for key in error.instance if key not in known][:5]
        return "未知的键 / unknown key: " + ", ".join(_short(k) for k in extra) + _did_you_mean(extra, known)
    if validator == "type":
        return f"应为 {expected}，实为 {found} / expected {expected}, found {found}"
    if validator == "enum":
        return "应为以下之一 / must be one of: " + _short(", ".join(map(str, expected)), 200) + \
            _did_you_mean([error.instance], expected)
    if validator in ("anyOf", "oneOf") and error.context:
        # The alternative the value comes closest to (jsonschema's own ranking): a scope written as
        # {role: achievement} is told which roles exist, not that it fits no form.
        best = _closest_alternative(error)
        if best is not None:
            where = "/".join(map(str, best.relative_path))
            return (f"{where}：" if where else "") + schema_message(best)
    if validator in ("anyOf", "oneOf", "allOf", "not", "if", "then", "else"):
        return f"不符合任何允许的形式（{found}）/ matches none of the allowed forms ({found})"
    return f"不符合 {validator}（{_short(str(expected), 120)}）/ fails {validator} {_short(str(expected), 120)}"


def _closest_alternative(error):
    """The deepest error of an alternative whose form fits the value (an object for an object, a
    string for a string), or None when no alternative fits it."""
    by_alternative: dict = {}
    for sub in error.context:
        by_alternative.setdefault(list(sub.relative_schema_path)[:1][0] if sub.relative_schema_path else None,
                                  []).append(sub)
    fitting = []
    for subs in by_alternative.values():
        top = [s for s in subs if not list(s.relative_path)]
        if any(s.validator == "type" for s in top):
            continue
        if any(s.validator == "enum" and not any(type(v) is type(s.instance) for v in s.validator_value) for s in top):
            continue
        fitting += subs
    fitting.sort(key=lambda s: -len(list(s.relative_path)))
    return fitting[0] if fitting else None


def _did_you_mean(found: list, accepted) -> str:
    """" — 是否应为 “x”？/ did you mean 'x'?" for the closest accepted value (difflib), naming only
    accepted values, never the one found."""
    import difflib

    choices = [str(a) for a in accepted]
    for value in found:
        if isinstance(value, str):
            close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
            if close:
                return f"；是否应为“{close[0]}”？/ did you mean '{close[0]}'?"
    return ""


def _short(text, limit: int = 40) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


@lru_cache(maxsize=None)
def data_schema(name: str) -> dict:
    """The published JSON Schema of one kind of data file (checker/schema/<name>.schema.json): the
    same file editors use for completion (see README) and the loader validates with."""
    return json.loads(resources.files("checker").joinpath(f"schema/{name}.schema.json").read_text("utf-8"))


def schema_errors(content, schema: str | dict) -> list:
    """The places ``content`` breaks a schema (a published one by name, or a schema given), in file order."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(data_schema(schema) if isinstance(schema, str) else schema)
    return sorted(validator.iter_errors(content), key=lambda e: list(map(str, e.absolute_path)))


def schema_problems(content, tree, schema: str | dict, path, describe) -> list[str]:
    """``path:line:col - …`` for every place ``content`` breaks the schema, in file order; ``describe``
    words one error (``describe(error, location)``) — never quoting the offending value."""
    problems = []
    for error in schema_errors(content, schema):
        location = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            # Point at the unknown key itself, not at the mapping that holds it.
            known = (error.schema or {}).get("properties", {})
            location += [next(key for key in error.instance if key not in known)]
        line, col = mark(tree, location) if tree is not None else (1, 1)
        problems.append(f"{path}:{line}:{col} - {describe(error, location)}")
    return problems


# The user's data files by their Chinese name, for the English half of messages.
KIND_EN = {"配置文件": "configuration", "豁免文件": "waivers file", "主体名录": "issuer registry"}


def load_validated(path: Path | str, schema: str, kind: str, max_bytes: int = MAX_DATA_FILE_BYTES,
                   more_checks=None):
    """(content, tree) of a YAML data file that satisfies its schema: the one door for the files a user
    writes (project configuration, waivers, the issuer registry, rule packs and clause catalogues).
    ``kind`` names the file in messages (Chinese, e.g. "豁免文件"); ``more_checks(content)`` adds
    errors the schema cannot express.  Raises RuleError listing every problem with its line."""
    from .errors import RuleError

    what = (kind, KIND_EN.get(kind, "data file"))
    try:
        content, tree, _ = read_data_file(path, kind, max_bytes)
    except DataFileError as exc:
        raise RuleError([exc.problem], what) from exc

    def describe(error, location):
        where = "/".join(map(str, location)) or "(top)"
        return f"{kind}格式有误（{where}）/ bad {what[1]}: {schema_message(error)}"

    problems = schema_problems(content, tree, schema, path, describe)
    if not problems and more_checks is not None:
        problems = [f"{path}:{':'.join(map(str, mark(tree, list(e.absolute_path))))} - {describe(e, list(e.absolute_path))}"
                    for e in more_checks(content)]
    if problems:
        raise RuleError(problems, what)
    return content, tree
