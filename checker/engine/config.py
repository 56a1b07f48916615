"""Project configuration and profiles.

A configuration (``fzcheck.yaml`` found in the working folder or a parent, ``[tool.fzcheck]`` in a
pyproject.toml found the same way, or ``--config FILE``) and a profile share one format::

    extends: township          # a bundled profile name or a path to another config file
    rules: [core, expert, rules/]  # bundled packs by name, rule files or folders (default: every bundled pack)
    specs: [specs/]            # the project's own clause catalogues, beside the bundled ones
    disable: [report.title]
    severity: {numbering.sequence: info}
    params: {outcomes.quantified: {min: 8}}
    fail_on: warning
    waivers: fzcheck-waivers.yaml  # accepted findings (see checker/engine/waivers.py)
    store: 结果库.sqlite        # record this round's reports there (see checker/store/database.py); none by default
    registry: 名录.yaml         # the units expected to report (see checker/store/roster.py)
    docs_url: https://example.org/rules.md  # the published rule reference (SARIF helpUri)

Later layers win: profile chain → project config → command line.  Without ``--profile`` or a
profile in the config, each report gets the bundled profile named after its issuer level when
there is one (department, township), else ``default``.
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .evaluate import Options
from ..base.cachedir import config_folder
from ..base.errors import RuleError

CONFIGURATION = ("配置文件", "configuration")  # what a RuleError from here is about
from .ruleset import ALL_BUNDLED, Ruleset
from .projectfile import find_project_config
from ..base.yamlsafe import MAX_DATA_FILE_BYTES, load_bundled, load_validated, mark, schema_message, schema_problems

@dataclass
class Layer:
    """One configuration layer, already checked for unknown keys and values."""

    source: str
    extends: str | None = None
    description: str = ""
    rules: list[str] | None = None
    specs: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    params: dict[str, dict] = field(default_factory=dict)
    fail_on: str | None = None
    timeout: float | None = None
    waivers: str | None = None
    store: str | None = None       # the round's results store (relative to the configuration file)
    registry: str | None = None    # the round's issuer registry (likewise)
    docs_url: str | None = None
    score: dict | None = None


def bundled_profiles() -> list[str]:
    folder = resources.files("checker").joinpath("profiles")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _layer(data, source: str, base: Path | None, validated: bool = False, tree=None) -> Layer:
    """``validated``: already checked against the schema (a YAML file read through
    :func:`load_validated`, or a bundled profile, validated by the test suite).  ``base``:
    the folder of the configuration file; every path in it must resolve inside that folder (the
    project) or the user's fzcheck configuration folder, so that a configuration found in a
    repository cannot make fzcheck read, or quote, a file elsewhere on the machine."""
    if data is None:
        data = {}
    problems = [] if validated else schema_problems(data, tree, "config", source, _describe_config_error)
    if problems:
        raise RuleError(problems, CONFIGURATION)
    layer = Layer(source=source, **data)
    if base is None:
        return layer
    if layer.rules is not None:
        layer.rules = [_rule_source(base, r, source, tree, ["rules", i]) for i, r in enumerate(layer.rules)]
    layer.specs = [_confined(base, r, source, tree, ["specs", i]) for i, r in enumerate(layer.specs)]
    for key in ("waivers", "store", "registry"):
        if getattr(layer, key):
            setattr(layer, key, _confined(base, getattr(layer, key), source, tree, [key]))
    if layer.extends and layer.extends not in bundled_profiles():
        layer.extends = _confined(base, layer.extends, source, tree, ["extends"])
    return layer


def _where(tree, path) -> str:
    line, col = mark(tree, list(path)) if tree is not None else (1, 1)
    return f"{line}:{col}"


def user_config_dir() -> Path:
    return config_folder()


def _confined(base: Path, entry: str, source: str, tree, path) -> str:
    target = (base / entry).resolve()
    for allowed in (base.resolve(), user_config_dir().resolve()):
        if target == allowed or allowed in target.parents:
            return str(base / entry)
    raise RuleError([f"{source}:{_where(tree, path)} - 路径在项目文件夹以外：{entry}（只允许项目文件夹或 {user_config_dir()} 中的文件）"
                     f" / path outside the project folder"], CONFIGURATION)


def _rule_source(base: Path, entry: str, source: str, tree, path) -> str:
    """A rule entry of a config file: a path relative to the file's folder, or the name of a
    bundled pack (``core``, ``expert``) when no such file or folder exists there."""
    from .ruleset import bundled_packs

    if not (base / entry).exists() and (entry in bundled_packs() or entry == ALL_BUNDLED):
        return entry
    return _confined(base, entry, source, tree, path)


def _describe_config_error(error, location) -> str:
    return f"配置有误（{'/'.join(map(str, location)) or '(top)'}）/ bad configuration: {schema_message(error)}"


def _read(path: Path) -> Layer:
    if path.name == "pyproject.toml":
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_DATA_FILE_BYTES + 1)
            if len(raw) > MAX_DATA_FILE_BYTES:
                raise RuleError([f"{path}:1:1 - 配置文件超过 1 MB / configuration larger than 1 MB"], CONFIGURATION)
            data = tomllib.loads(raw.decode("utf-8")).get("tool", {}).get("fzcheck", {})
        except OSError as exc:
            raise RuleError([f"{path}:1:1 - 无法读取配置 / cannot read configuration: {exc.strerror}"], CONFIGURATION) from exc
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RuleError([f"{path}:1:1 - 配置文件语法错误 / configuration syntax error: {type(exc).__name__}"], CONFIGURATION) from exc
        return _layer(data, str(path), path.parent)
    data, tree = load_validated(path, "config", "配置文件")
    return _layer(data, str(path), path.parent, validated=True, tree=tree)


def profile_layers(name: str, seen: tuple[str, ...] = ()) -> list[Layer]:
    """The chain of layers for a profile name or config path, base first."""
    if name in seen:
        raise RuleError([f"{name}:1:1 - extends 形成循环 / extends cycle: {' → '.join(seen + (name,))}"], CONFIGURATION)
    if name in bundled_profiles():
        data = resources.files("checker").joinpath(f"profiles/{name}.yaml").read_bytes()
        layer = _layer(load_bundled(f"profile-{name}", data), f"profile:{name}", None, validated=True)
    elif Path(name).is_file():
        layer = _read(Path(name))
    else:
        raise RuleError([f"{name}:1:1 - 没有这个配置方案 / no such profile (bundled: {', '.join(bundled_profiles())})"], CONFIGURATION)
    parents = profile_layers(layer.extends, seen + (name,)) if layer.extends else []
    return parents + [layer]


def project_layers(config: str | None, discover: bool = True) -> list[Layer]:
    """The project configuration with its own extends chain (empty when there is none)."""
    path = Path(config) if config else (find_project_config() if discover else None)
    if path is None:
        return []
    layer = _read(path)
    parents = profile_layers(layer.extends) if layer.extends else []
    return parents + [layer]


def default_profile(issuer_level: str | None) -> str:
    return issuer_level if issuer_level in bundled_profiles() else "default"


def merge(layers: list[Layer]) -> Layer:
    merged = Layer(source=" → ".join(l.source for l in layers))
    for layer in layers:
        merged.rules = layer.rules if layer.rules is not None else merged.rules
        merged.specs = list(dict.fromkeys(merged.specs + layer.specs))
        merged.disable = sorted(set(merged.disable) | set(layer.disable))
        merged.severity.update(layer.severity)
        for rule_id, params in layer.params.items():
            merged.params[rule_id] = {**merged.params.get(rule_id, {}), **params}
        merged.fail_on = layer.fail_on or merged.fail_on
        merged.timeout = layer.timeout or merged.timeout
        merged.waivers = layer.waivers or merged.waivers
        merged.store = layer.store or merged.store
        merged.registry = layer.registry or merged.registry
        merged.docs_url = layer.docs_url or merged.docs_url
        merged.score = layer.score if layer.score is not None else merged.score
    return merged


def apply(ruleset: Ruleset, layers: list[Layer]) -> tuple[Ruleset, Options]:
    """A rule set with the layers' parameter overrides (validated) and the matching options.
    A project or command-line layer naming a rule that is not loaded is an error; a bundled
    profile may name rules of packs the user chose not to load."""
    known = {rule.id: rule for rule in ruleset.rules}
    problems = [f"{own.source}:1:1 {rule_id} 配置引用了不存在的规则 / unknown rule id"
                for own in layers if not own.source.startswith("profile:")
                for rule_id in [*own.disable, *own.severity, *own.params] if rule_id not in known]
    layer = merge(layers)
    from_users = {rule_id for own in layers if not own.source.startswith("profile:") for rule_id in own.params}
    rules = []
    for rule in ruleset.rules:
        if rule.id in layer.params:
            rule, errors = rule.with_params(layer.params[rule.id], validate=rule.id in from_users)
            problems += [f"{layer.source}:1:1 {rule.id} 参数错误 / bad parameter: {schema_message(e)}" for e in errors]
        rules.append(rule)
    if problems:
        raise RuleError(problems, CONFIGURATION)
    options = Options(disabled=set(layer.disable), severity=dict(layer.severity), timeout=layer.timeout or 1.0,
                      score=layer.score, trusted=_own_patterns(rules, from_users))
    return dataclasses.replace(ruleset, rules=rules), options


def _own_patterns(rules, from_users: set[str]) -> frozenset[str]:
    """The rules whose patterns are the project's own: read from a bundled pack and not given other
    parameters by the user (a bundled profile's are the project's own too)."""
    from .ruleset import default_rules_dir

    bundled = os.path.realpath(default_rules_dir())
    return frozenset(rule.id for rule in rules if rule.id not in from_users
                     and os.path.dirname(os.path.realpath(rule.file)) == bundled)


def _source_label(source: str) -> str:
    if source.startswith("profile:"):
        return f"自带配置方案 {source[8:]} / bundled profile"
    if source == "command line":
        return "命令行 / command line"
    if source == "bundled":
        return "自带默认值 / bundled default"
    return f"配置文件 {source} / file"


def effective(layers: list[Layer]) -> list[dict]:
    """Every setting the layers give, with the layer it comes from (the last one that sets it)."""
    from .ruleset import bundled_packs

    rows: dict[str, dict] = {
        "rules": {"key": "rules", "value": list(bundled_packs()), "source": "bundled"},
        "fail_on": {"key": "fail_on", "value": "error", "source": "bundled"},
        "timeout": {"key": "timeout", "value": 1.0, "source": "bundled"},
    }
    for layer in layers:
        for key in ("rules", "fail_on", "timeout", "waivers", "store", "registry", "docs_url"):
            value = getattr(layer, key)
            if value is not None:
                rows[key] = {"key": key, "value": value, "source": layer.source}
        for spec in layer.specs:
            rows[f"specs:{spec}"] = {"key": "specs", "value": spec, "source": layer.source}
        for rule_id in layer.disable:
            rows[f"disable:{rule_id}"] = {"key": f"disable.{rule_id}", "value": True, "source": layer.source}
        for rule_id, severity in layer.severity.items():
            rows[f"severity:{rule_id}"] = {"key": f"severity.{rule_id}", "value": severity, "source": layer.source}
        for rule_id, params in layer.params.items():
            for name, value in params.items():
                rows[f"params:{rule_id}:{name}"] = {"key": f"params.{rule_id}.{name}", "value": value,
                                                   "source": layer.source}
    return list(rows.values())


def show_effective(args) -> int:
    """``fzcheck config show``: the settings a check would use, each with where it comes from."""
    import json

    project = project_layers(args.config, discover=not args.no_config)
    if args.profile:
        profile, why = args.profile, "--profile"
    elif project and project[-1].extends:
        profile, why = project[-1].extends, f"{project[-1].source} 的 extends"
    else:
        profile, why = default_profile(args.issuer_level), f"按主体层级 {args.issuer_level or '（未知）'} 选择"
    cli = Layer(source="command line", rules=args.rules)
    layers = profile_layers(profile) + project[-1:] + [cli]
    rows = effective(layers)
    if args.json:
        print(json.dumps({"profile": profile, "profile_chosen_by": why, "settings": rows}, ensure_ascii=False, indent=2))
        return 0
    print(f"配置方案：{profile}（{why}）")
    print(f"配置层（后者优先）：{' → '.join(layer.source for layer in layers)}")
    width = max(len(row["key"]) for row in rows)
    for row in rows:
        value = ", ".join(map(str, row["value"])) if isinstance(row["value"], list) else row["value"]
        print(f"  {row['key']:<{width}}  {value}    ← {_source_label(row['source'])}")
    return 0
