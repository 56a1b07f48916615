"""Loading rule packs and spec catalogues: safe YAML, schema validation, compiled patterns.

Every problem is reported as ``file:line:col rule-id message`` and loading fails as a whole
(exit code 2): a half-loaded rule set would give verdicts nobody asked for.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .. import checks
from ..base import datacache
from ..patterns import patternbudget, rx
from ..base.bundled import bundled, rules_digest
from ..base.errors import RuleError
from ..base.yamlsafe import (DataFileError, data_schema, folder_files, load_bundled, mark, read_data_file,
                              schema_errors, schema_message)

MAX_RULE_FILE_BYTES = 1024 * 1024


@dataclass
class Rule:
    id: str
    title: str
    message: str
    severity: str
    spec: list[str]
    scope: Any
    check_type: str
    params: dict
    hint: str
    examples: dict
    applies: dict = field(default_factory=dict)
    message_pass: str = ""
    message_cut: str = ""  # the failing message when the text breaks off inside the rule's scope
    rationale: str = ""
    waivable: bool = True
    tags: list[str] = field(default_factory=list)
    file: str = ""
    line: int = 0
    pack: str = ""
    index: int = 0
    untested: list[dict] = field(default_factory=list)
    raw_check: dict = field(default_factory=dict)

    def with_params(self, overrides: dict, validate: bool = True) -> tuple["Rule", list]:
        """This rule with some check parameters replaced (a profile's or a project's), prepared the
        same way as when the rule file was loaded; (rule, []) or (self, schema errors)."""
        module = checks.get(self.check_type)
        raw = {**{k: v for k, v in self.raw_check.items() if k != "type"}, **overrides}
        errors = param_errors(module, raw) if validate else []
        if errors:
            return self, errors
        if getattr(module, "READS_CLAUSES", False):
            raw["clauses"] = self.params["clauses"]
        return dataclasses.replace(self, params=prepared_params(module, raw)), []


def prepared_params(module, check: dict) -> dict:
    """A check's parameters with the type's defaults, compiled by the type (one place for both)."""
    return module.prepare({**module.DEFAULTS, **{k: v for k, v in check.items() if k != "type"}})


@dataclass
class Ruleset:
    name: str
    version: str
    digest: str
    rules: list[Rule]
    files: list[str]
    clauses: dict[str, dict]
    specs: list[str] = field(default_factory=list)  # the project's own clause catalogues


def default_rules_dir() -> Path:
    return bundled("packs", "rules")


def default_specs_dir() -> Path:
    return bundled("specs", "specs")


def rule_schema() -> dict:
    return data_schema("rule")


def node_mark(node, path) -> tuple[int, int]:
    """Public name for tools that point into rule files."""
    return _mark(node, path)


class _RuleLines:
    """Stands in for the YAML node tree of a rule file read back from the cache: the line of each
    rule is all a validated set needs (it has no problem to point at)."""

    def __init__(self, lines: list[int]):
        self.lines = lines


def _mark(node, path) -> tuple[int, int]:
    if isinstance(node, _RuleLines):
        in_range = len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int) and path[1] < len(node.lines)
        return (node.lines[path[1]], 1) if in_range else (1, 1)
    return mark(node, path)


def _read_yaml(path: Path, problems: list[str]):
    try:
        return read_data_file(path, "规则文件", MAX_RULE_FILE_BYTES)
    except DataFileError as exc:
        problems.append(exc.problem)
        return None, None, b""


def _read_rule_file(path: Path, problems: list[str], trusted: bool):
    """(content, tree, bytes) of a rule file, parsed once per machine: the content and rule lines are
    kept in the cache, and a file of a set validated before comes back from there (parsing the
    bundled packs was about 20 ms of every cold start; a set not yet validated needs the node tree
    to point at its problems, so it is parsed)."""
    if trusted:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        cached = datacache.load("rules", data) if data else None
        if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], dict):
            return cached[0], _RuleLines(cached[1]), data
    content, tree, data = _read_yaml(path, problems)
    if isinstance(content, dict) and isinstance(content.get("rules"), list):
        lines = [mark(tree, ["rules", index])[0] for index in range(len(content["rules"]))]
        datacache.store("rules", data, (content, lines), keep=64)  # one file per rule file
    return content, tree, data


def spec_files(extra_specs: list[str | Path] | None = None) -> list[Path]:
    """The bundled clause catalogues, then a project's own (folders or files), in that order."""
    files = sorted(default_specs_dir().glob("*.yaml"))
    for raw in extra_specs or []:
        path = Path(raw)
        found = folder_files(path) if path.is_dir() else [path]
        files.extend(f for f in found if f.resolve() not in {g.resolve() for g in files})
    return files




def load_clauses(extra_specs: list[str | Path] | None = None, problems: list[str] | None = None,
                 replaced: dict[str, tuple[Path, Path]] | None = None) -> dict[str, dict]:
    """Clause id → clause, from every spec catalogue: the bundled ones, then the project's own
    (validated like a rule file; problems go to ``problems``, raised when it is None).  A project
    catalogue with the ``id`` of a bundled one replaces it (an amended version, or the catalogue as
    it was at an older commit for ``rules diff``); ``replaced`` receives, for each bundled clause the
    replacement lacks, (the project's file, the bundled file), so that rules citing it get one
    message naming the conflict instead of one per citation."""
    own = problems if problems is not None else []
    bundled = default_specs_dir().resolve()
    catalogues: dict[str, tuple[Path, dict]] = {}
    for path in spec_files(extra_specs):
        if path.resolve().parent == bundled:
            content = load_bundled(f"spec-{path.stem}", path.read_bytes()) or {}
        else:
            content = _valid_catalogue(path, own)
            if content is None:
                continue
        catalogue_id = content.get("id", path.stem)
        if catalogue_id in catalogues and replaced is not None:
            before, kept = catalogues[catalogue_id], {c["id"] for c in content.get("clauses", [])}
            for clause in before[1].get("clauses", []):
                if clause["id"] not in kept:
                    replaced[clause["id"]] = (path, before[0])
        catalogues[catalogue_id] = (path, content)
    clauses: dict[str, dict] = {}
    origin: dict[str, Path] = {}
    for catalogue_id, (path, content) in catalogues.items():
        for clause in content.get("clauses", []):
            if clause["id"] in clauses:
                first = clauses[clause["id"]]["catalogue"]
                own.append(f"{path}:1:1 - 条款 id “{clause['id']}”已在条款目录 {first}（{origin[clause['id']]}）中定义。"
                           f"修订该目录的条款：把本文件的 id 也写成 {first}（替换整个目录，须保留它的全部条款）；"
                           f"本地自己的条款：换一个 id，如 {_local_id(clause['id'])} / clause id '{clause['id']}' is "
                           f"already defined in catalogue {first} ({origin[clause['id']]}): to amend it give this file "
                           f"the id {first} and keep all its clauses; for a clause of your own use another id")
                continue
            clauses[clause["id"]] = {**clause, "catalogue": catalogue_id, "document": content.get("title", "")}
            origin[clause["id"]] = path
    if problems is None and own:
        raise RuleError(own)
    return clauses


def _local_id(clause_id: str) -> str:
    return "local." + clause_id.split(".", 1)[-1]


def replaced_catalogue_problems(replaced: dict[str, tuple[Path, Path]], cited: dict[str, int]) -> list[str]:
    """One message per project catalogue that replaced a bundled one and dropped clauses the rules
    still cite (``cited``: clause id → citations)."""
    by_file: dict[tuple[Path, Path], list[str]] = {}
    for clause, files in replaced.items():
        if cited.get(clause):
            by_file.setdefault(files, []).append(clause)
    problems = []
    for (own, shipped), missing in by_file.items():
        count = sum(cited[c] for c in missing)
        shown = "、".join(missing[:3]) + ("等" if len(missing) > 3 else "")
        problems.append(f"{own}:1:1 - 本文件与自带条款目录 {shipped.name} 的 id 相同，替换了它，但缺少规则仍引用的 "
                        f"{len(missing)} 个条款（{shown}，共被引用 {count} 次）。修订自带目录：保留它的全部条款 id；"
                        f"本地自己的目录：换一个 id / this catalogue has the id of the bundled {shipped.name} and "
                        f"replaces it, but lacks {len(missing)} clause(s) the rules cite ({', '.join(missing[:3])}"
                        f"{' …' if len(missing) > 3 else ''}): keep them to amend it, or give your catalogue another id")
    return problems


def _valid_catalogue(path: Path, problems: list[str]) -> dict | None:
    content, tree, _ = _read_yaml(path, problems)
    if content is None:
        return None
    errors = schema_errors(content, "spec")
    for error in errors:
        line, col = _mark(tree, list(error.absolute_path))
        problems.append(f"{path}:{line}:{col} - 规范条款目录有误 / bad clause catalogue: {_describe_schema_error(error)}")
    return None if errors else content


def bundled_packs() -> dict[str, Path]:
    """Pack name → file of the packs that come with fzcheck (``core``, ``expert``)."""
    return {path.stem: path for path in sorted(default_rules_dir().glob("*.yaml"))}


ALL_BUNDLED = "bundled"  # in ``rules:``, every pack that comes with fzcheck (a provincial pack extends them all)


def rule_files(paths: list[str | Path] | None) -> list[Path]:
    """Rule files for a list of bundled pack names (or ``bundled`` for all of them), files and
    folders (default: every bundled pack).  A name wins only when no file or folder of that name exists."""
    if not paths:
        return list(bundled_packs().values())
    bundled = bundled_packs()
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and str(raw) == ALL_BUNDLED:
            found = list(bundled.values())
        else:
            if not path.exists() and str(raw) in bundled:
                path = bundled[str(raw)]
            found = folder_files(path, recursive=True) if path.is_dir() else [path]
        files.extend(f for f in found if f not in files)
    return files


def _validation_key(files: list[Path], specs: list[Path]) -> str:
    """Everything that decides whether a rule set is valid: the rule and spec files, the rule
    schema, the check types' parameter schemas and the tool version."""
    from ..base.version import __version__

    digest = hashlib.sha256(__version__.encode())
    digest.update(json.dumps(rule_schema(), sort_keys=True).encode())
    digest.update(json.dumps({name: m.PARAMS for name, m in sorted(checks.REGISTRY.items())}, sort_keys=True).encode())
    bundled = {default_rules_dir().resolve(), default_specs_dir().resolve()}
    for path in [*files, *specs]:
        # A bundled file is named by its place in the package, so the key is the same wherever the
        # package is installed (the installed package ships the bundled set's, checker/base/shipped.py).
        where = f"bundled/{path.name}" if path.resolve().parent in bundled else str(path)
        try:
            digest.update(where.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def load_ruleset(paths: list[str | Path] | None = None, specs: list[str | Path] | None = None) -> Ruleset:
    """Loads and validates rule files (``paths``: bundled pack names, files, folders) against the
    bundled clause catalogues plus ``specs`` (a project's own).  Schema validation (jsonschema, the
    slowest part of a cold start) is skipped when this exact set of files was validated before (noted
    in the user's cache folder, keyed by their contents; checker/base/datacache.py)."""
    problems: list[str] = []
    replaced: dict[str, tuple[Path, Path]] = {}
    cited: dict[str, int] = {}
    clauses = load_clauses(specs, problems, replaced)
    files = rule_files(paths)
    validated = _validation_key(files, spec_files(specs)).encode()
    trusted = datacache.load("validated", validated) is True
    if not files:
        raise RuleError([f"{p}:1:1 - 没有找到规则文件 / no rule files found" for p in (paths or ["rules"])])
    rules: list[Rule] = []
    read: list[tuple[str, bytes]] = []
    names, versions = [], []
    seen: dict[str, str] = {}
    for path in files:
        content, tree, data = _read_rule_file(path, problems, trusted)
        read.append((path.name, data))
        if content is None:
            continue
        file_problems = [] if trusted else _schema_problems(path, content, tree)
        problems.extend(file_problems)
        if file_problems:
            continue
        names.append(content["pack"]["name"])
        versions.append(content["pack"]["version"])
        for index, raw in enumerate(content["rules"]):
            rule = _build_rule(path, tree, index, raw, clauses, problems, trusted, replaced, cited)
            if rule is None:
                continue
            rule.pack = content["pack"]["name"]
            if rule.id in seen:
                problems.append(f"{path}:{rule.line}:1 {rule.id} 规则 id 重复（首次出现在 {seen[rule.id]}）/ duplicate rule id")
                continue
            seen[rule.id] = f"{path}:{rule.line}"
            rules.append(rule)
    problems += replaced_catalogue_problems(replaced, cited)
    if problems:
        raise RuleError(problems)
    if not trusted:
        datacache.store("validated", validated, True)
    return Ruleset(name="+".join(names), version="+".join(versions), digest=rules_digest(read), rules=rules,
                   files=[str(f) for f in files], clauses=clauses, specs=[str(s) for s in specs or []])


def param_errors(module, check: dict) -> list:
    from jsonschema import Draft202012Validator

    return list(Draft202012Validator({**module.PARAMS, "additionalProperties": False}).iter_errors(check))


def _schema_problems(path: Path, content, tree) -> list[str]:
    problems = []
    for error in schema_errors(content, "rule"):
        location = list(error.absolute_path)
        line, col = _mark(tree, location)
        rule_id = _rule_id_at(content, location)
        problems.append(f"{path}:{line}:{col} {rule_id} {_describe_schema_error(error)}")
    return problems


def _rule_id_at(content, location) -> str:
    if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
        rules = content.get("rules") or []
        if location[1] < len(rules) and isinstance(rules[location[1]], dict):
            return str(rules[location[1]].get("id", "-"))
    return "-"


def _describe_schema_error(error) -> str:
    if error.validator in ("additionalProperties", "required"):
        return schema_message(error)
    return f"不符合规则格式 / schema: {schema_message(error)}"


def _build_rule(path: Path, tree, index: int, raw: dict, clauses: dict, problems: list[str],
                trusted: bool = False, replaced: dict | None = None, cited: dict | None = None) -> Rule | None:
    line, _ = _mark(tree, ["rules", index])
    rule_id = raw["id"]
    check = dict(raw["check"])
    check_type = check.pop("type")
    where = ["rules", index, "check"]
    try:
        module = checks.get(check_type)
    except ValueError:
        l, c = _mark(tree, where + ["type"])
        problems.append(f"{path}:{l}:{c} {rule_id} 未知的检查类型 / unknown check type: {check_type}")
        return None
    errors = [] if trusted else param_errors(module, check)
    for error in errors:
        l, c = _mark(tree, where + list(error.absolute_path))
        problems.append(f"{path}:{l}:{c} {rule_id} 检查参数错误 / bad check parameter: {schema_message(error)}")
    if errors:
        return None
    params = {**module.DEFAULTS, **check}
    for pattern_path, pattern in checks.patterns_of(check_type, params):
        over = patternbudget.problem(pattern)
        if over:
            l, c = _mark(tree, ["rules", index, *pattern_path])
            problems.append(f"{path}:{l}:{c} {rule_id} {over}")
            return None
        try:
            rx.compile(pattern)
        except regex.error as exc:
            l, c = _mark(tree, ["rules", index, *pattern_path])
            problems.append(f"{path}:{l}:{c} {rule_id} 正则表达式无法编译 / regex does not compile: {exc}")
            return None
    if checks.batch_scoped(check_type) != (raw["scope"] == "batch"):
        l, c = _mark(tree, ["rules", index, "scope"])
        problems.append(f"{path}:{l}:{c} {rule_id} 检查类型 {check_type} " + (
            "比较同批报告，范围应为 batch / a batch check type needs scope: batch" if checks.batch_scoped(check_type)
            else "只检查一份报告，范围不能是 batch / scope: batch needs a batch check type"))
        return None
    if isinstance(raw["scope"], dict) and "heading" in raw["scope"]:
        over = patternbudget.problem(raw["scope"]["heading"])
        if over:
            l, c = _mark(tree, ["rules", index, "scope", "heading"])
            problems.append(f"{path}:{l}:{c} {rule_id} {over}")
            return None
        try:
            rx.compile(raw["scope"]["heading"])
        except regex.error as exc:
            l, c = _mark(tree, ["rules", index, "scope", "heading"])
            problems.append(f"{path}:{l}:{c} {rule_id} 正则表达式无法编译 / regex does not compile: {exc}")
            return None
    for i, clause in enumerate(raw["spec"]):
        if clause not in clauses and replaced and clause in replaced:
            cited[clause] = cited.get(clause, 0) + 1  # reported once, as the catalogue's conflict
        elif clause not in clauses:
            l, c = _mark(tree, ["rules", index, "spec", i])
            problems.append(f"{path}:{l}:{c} {rule_id} 规范条款不存在 / unknown spec clause: {clause}")
    if getattr(module, "READS_CLAUSES", False):
        # A check that compares the text with the cited clauses' own words (the ``quote`` of each).
        check["clauses"] = {cid: clauses[cid] for cid in raw["spec"] if cid in clauses}
    return Rule(id=rule_id, title=raw["title"], message=raw["message"], severity=raw["severity"], spec=raw["spec"],
                scope=raw["scope"], check_type=check_type, params=prepared_params(module, check), hint=raw["hint"],
                examples=raw.get("examples") or {}, applies=raw.get("applies") or {},
                message_pass=raw.get("message_pass", ""), message_cut=raw.get("message_cut", ""),
                rationale=raw.get("rationale", ""),
                waivable=raw.get("waivable", True), tags=raw.get("tags", []), file=str(path), line=line,
                raw_check=dict(raw["check"]), index=index, untested=raw.get("untested", []))
