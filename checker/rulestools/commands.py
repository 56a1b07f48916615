"""The ``fzcheck rules …`` commands.

Without paths every verb works on the rule set a check would use: the project's configuration
(``fzcheck.yaml`` or ``[tool.fzcheck]``, found from the working folder up; ``--config FILE``;
``--no-config``) with its ``rules`` and ``specs``, else the bundled packs.  Each verb ends with one
line that states the verdict its exit code carries.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..base.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, FzError, RuleError
from . import problems as problem_lines

DEFAULT_CORPUS = "tests/corpus"
DEFAULT_DOCS = "docs/rules.md"


def _config_options(parser) -> None:
    parser.add_argument("paths", nargs="*", help="规则包名称（core、expert）、规则文件或文件夹（默认按项目配置）")
    parser.add_argument("--config", help="项目配置文件（默认查找 fzcheck.yaml 或 pyproject.toml 的 [tool.fzcheck]）")
    parser.add_argument("--no-config", action="store_true", help="不查找项目配置文件，使用自带规则包")
    parser.add_argument("--specs", action="append", default=[], help="项目自己的规范条款目录（可多次）")


def add_parsers(sub) -> None:
    validate = sub.add_parser("validate", help="校验规则文件 / validate rule files")
    _config_options(validate)
    validate.add_argument("--format", choices=problem_lines.FORMATS, default="text",
                          help="text、json 或 github（GitHub 工作流注释）")
    test = sub.add_parser("test", help="运行规则示例并统计分支覆盖 / run rule examples, report branch coverage")
    _config_options(test)
    test.add_argument("--format", choices=problem_lines.FORMATS, default="text",
                      help="text、json 或 github（GitHub 工作流注释）")
    coverage = sub.add_parser("coverage", help="规范条款与规则对照表 / clause ↔ rule traceability")
    _config_options(coverage)
    coverage.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    docs = sub.add_parser("docs", help="生成规则参考文档 / generate the rule reference")
    _config_options(docs)
    docs.add_argument("--output", default=DEFAULT_DOCS)
    docs.add_argument("--check", action="store_true", help="只检查文档是否过期（过期则退出码 1）")
    diff = sub.add_parser("diff", help="比较规则变更前后对语料的检查结果 / effect of a rule change on a corpus")
    _config_options(diff)
    diff.add_argument("--base", required=True, help="git 引用（如 HEAD~1、origin/main）或旧规则文件夹")
    diff.add_argument("--corpus", action="append", help=f"报告文件夹（可多次；默认 {DEFAULT_CORPUS}）")
    diff.add_argument("--allow-empty", action="store_true", help="语料为空时不报错（退出码 0）")
    diff.add_argument("--max-changes", type=int, help="变化超过此数时退出码为 1")
    diff.add_argument("--expected", help="已批准的预期差异（JSON）：实际差异不同则退出码为 1")
    diff.add_argument("--write-expected", help="把本次差异写为预期差异文件（批准）")
    diff.add_argument("--json", dest="json_out", help="把差异写入 JSON 文件")
    diff.add_argument("--markdown", help="把差异写入 Markdown 文件（用于合并请求评论）")


def rule_sources(args) -> tuple[list[str] | None, list[str]]:
    """(rule paths or pack names, the project's clause catalogues) for a ``rules`` verb."""
    from ..engine.config import merge, project_layers

    layers = project_layers(args.config, discover=not args.no_config)
    merged = merge(layers) if layers else None
    specs = list(dict.fromkeys([*(merged.specs if merged else []), *args.specs]))
    if args.paths:
        return args.paths, specs
    return (merged.rules if merged else None), specs


def _load(args):
    from ..engine.ruleset import load_ruleset

    paths, specs = rule_sources(args)
    return load_ruleset(paths, specs)


def cmd_validate(args) -> int:
    from .validate import meaning_problems

    try:
        ruleset = _load(args)
    except RuleError as exc:
        problem_lines.emit(exc.problems, args.format, {"rules": None},
                           f"结论：规则文件有 {len(exc.problems)} 处问题，未通过 / FAILED: {len(exc.problems)} problem(s)")
        return EXIT_USAGE
    problems = meaning_problems(ruleset)
    summary = {"rules": len(ruleset.rules), "pack": ruleset.name, "version": ruleset.version, "files": ruleset.files}
    if problems:
        problem_lines.emit(problems, args.format, summary,
                           f"结论：{len(ruleset.rules)} 条规则中有 {len(problems)} 处问题，未通过 / FAILED: {len(problems)} problem(s)")
        return EXIT_USAGE
    problem_lines.emit([], args.format, summary,
                       f"结论：规则有效，共 {len(ruleset.rules)} 条（{ruleset.name} {ruleset.version}）/ OK: {len(ruleset.rules)} rules valid")
    return EXIT_OK


def cmd_test(args) -> int:
    from .testing import run

    try:
        ruleset = _load(args)
    except RuleError as exc:
        problem_lines.emit(exc.problems, args.format, {},
                           f"结论：规则文件有 {len(exc.problems)} 处问题，无法运行示例 / FAILED: rule files invalid")
        return EXIT_USAGE
    report = run(ruleset)
    examples_ok = not report.failures
    coverage_ok = not report.uncovered
    verdict = (f"结论：示例 {report.passed}/{report.total} {'全部通过' if examples_ok else '未全部通过'}；"
               f"分支覆盖 {report.covered}/{report.branches} {'达到要求' if coverage_ok else '未达要求'}"
               f" / {'OK' if examples_ok and coverage_ok else 'FAILED'}: examples {report.passed}/{report.total},"
               f" branches {report.covered}/{report.branches}")
    summary = {"examples": {"passed": report.passed, "total": report.total},
               "branches": {"covered": report.covered, "total": report.branches}}
    if args.format == "text":
        print(f"{report.passed} passed, {report.total - report.passed} failed")
    problem_lines.emit(report.failures + report.uncovered, args.format, summary, verdict)
    return EXIT_OK if examples_ok and coverage_ok else EXIT_FINDINGS


def cmd_coverage(args) -> int:
    from . import trace

    data = trace.matrix(_load(args))
    print({"text": trace.to_text, "markdown": trace.to_markdown, "json": trace.to_json}[args.format](data), end="")
    return EXIT_OK


def cmd_docs(args) -> int:
    from ..run.outputs import write_atomic
    from .docs import render

    text = render(_load(args))
    target = Path(args.output)
    if args.check:
        current = target.read_text("utf-8") if target.exists() else ""
        if current != text:
            print(f"结论：{target} 已过期，请运行 fzcheck rules docs / FAILED: {target} is out of date")
            return EXIT_FINDINGS
        print(f"结论：{target} 是最新的 / OK: up to date")
        return EXIT_OK
    write_atomic(target, text)
    print(f"结论：已写入 {target} / OK: written")
    return EXIT_OK


def _corpus_files(args) -> list[str]:
    from ..run.inputs import expand_inputs

    corpus = args.corpus or [DEFAULT_CORPUS]
    files, missing, _ = expand_inputs(corpus)
    if missing:
        raise FzError(f"语料不存在：{', '.join(missing)}", f"corpus not found: {', '.join(missing)}")
    if not files and not args.allow_empty:
        raise FzError(f"语料中没有可检查的报告：{', '.join(corpus)}（比较没有意义；确需如此请加 --allow-empty）",
                      f"the corpus holds no report: {', '.join(corpus)} (a diff over nothing proves nothing; "
                      "pass --allow-empty to accept it)")
    return files


def cmd_diff(args) -> int:
    from ..run.outputs import write_atomic
    from . import diff

    files = _corpus_files(args)
    paths, specs = rule_sources(args)
    result = diff.with_base(args.base, paths, files, specs)
    markdown = diff.to_markdown(result)
    print(markdown)
    if args.json_out:
        write_atomic(Path(args.json_out), diff.to_json(result))
    if args.markdown:
        write_atomic(Path(args.markdown), markdown)
    if args.write_expected:
        write_atomic(Path(args.write_expected), json.dumps(diff.comparable(result), ensure_ascii=False, indent=2) + "\n")
    changes = diff.change_count(result)
    failed = []
    if args.max_changes is not None and changes > args.max_changes:
        failed.append(f"变化 {changes} 处，超过上限 {args.max_changes}")
    if args.expected:
        try:
            expected = json.loads(Path(args.expected).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise FzError(f"无法读取预期差异文件 {args.expected}", f"cannot read expected diff {args.expected}: {exc}") from exc
        if expected != diff.comparable(result):
            failed.append("实际差异与已批准的预期差异不同")
    if failed:
        print(f"结论：{len(files)} 份报告，{'；'.join(failed)}，未通过 / FAILED: {changes} change(s)")
        return EXIT_FINDINGS
    print(f"结论：{len(files)} 份报告，变化 {changes} 处，通过 / OK: {len(files)} report(s), {changes} change(s)")
    return EXIT_OK


HANDLERS = {"validate": cmd_validate, "test": cmd_test, "coverage": cmd_coverage, "docs": cmd_docs, "diff": cmd_diff}
