"""The ``fzcheck rules …`` commands."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, FzError

DEFAULT_CORPUS = "tests/corpus"
DEFAULT_DOCS = "docs/rules.md"


def add_parsers(sub) -> None:
    validate = sub.add_parser("validate", help="校验规则文件 / validate rule files")
    validate.add_argument("paths", nargs="*")
    test = sub.add_parser("test", help="运行规则示例并统计分支覆盖 / run rule examples, report branch coverage")
    test.add_argument("paths", nargs="*")
    coverage = sub.add_parser("coverage", help="规范条款与规则对照表 / clause ↔ rule traceability")
    coverage.add_argument("paths", nargs="*")
    coverage.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    docs = sub.add_parser("docs", help="生成规则参考文档 / generate the rule reference")
    docs.add_argument("paths", nargs="*")
    docs.add_argument("--output", default=DEFAULT_DOCS)
    docs.add_argument("--check", action="store_true", help="只检查文档是否过期（过期则退出码 1）")
    diff = sub.add_parser("diff", help="比较规则变更前后对语料的检查结果 / effect of a rule change on a corpus")
    diff.add_argument("paths", nargs="*", help="当前规则文件或文件夹（默认自带规则）")
    diff.add_argument("--base", required=True, help="git 引用（如 HEAD~1、origin/main）或旧规则文件夹")
    diff.add_argument("--corpus", action="append", help=f"报告文件夹（可多次；默认 {DEFAULT_CORPUS}）")
    diff.add_argument("--max-changes", type=int, help="变化超过此数时退出码为 1")
    diff.add_argument("--expected", help="已批准的预期差异（JSON）：实际差异不同则退出码为 1")
    diff.add_argument("--write-expected", help="把本次差异写为预期差异文件（批准）")
    diff.add_argument("--json", dest="json_out", help="把差异写入 JSON 文件")
    diff.add_argument("--markdown", help="把差异写入 Markdown 文件（用于合并请求评论）")


def _print_problems(problems: list[str]) -> None:
    for line in problems:
        print(line, file=sys.stderr)


def cmd_validate(args) -> int:
    from .validate import validate

    ruleset, problems = validate(args.paths or None)
    if problems:
        _print_problems(problems)
        print(f"fzcheck: 规则有 {len(problems)} 处问题 / {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_USAGE
    print(f"规则有效：{len(ruleset.rules)} 条（{ruleset.name} {ruleset.version}）/ {len(ruleset.rules)} rules valid")
    return EXIT_OK


def cmd_test(args) -> int:
    from ..ruleset import load_ruleset
    from .testing import run

    report = run(load_ruleset(args.paths or None))
    _print_problems(report.failures + report.uncovered)
    print(f"示例 {report.passed}/{report.total} 通过；分支覆盖 {report.covered}/{report.branches}"
          f"（未覆盖 {len(report.uncovered)}）")
    print(f"{report.passed} passed, {report.total - report.passed} failed")
    return EXIT_FINDINGS if report.failures or report.uncovered else EXIT_OK


def cmd_coverage(args) -> int:
    from ..ruleset import load_ruleset
    from . import trace

    data = trace.matrix(load_ruleset(args.paths or None))
    print({"text": trace.to_text, "markdown": trace.to_markdown, "json": trace.to_json}[args.format](data), end="")
    return EXIT_OK


def cmd_docs(args) -> int:
    from ..outputs import write_atomic
    from ..ruleset import load_ruleset
    from .docs import render

    text = render(load_ruleset(args.paths or None))
    target = Path(args.output)
    if args.check:
        current = target.read_text("utf-8") if target.exists() else ""
        if current != text:
            print(f"fzcheck: {target} 已过期，请运行 fzcheck rules docs / {target} is out of date", file=sys.stderr)
            return EXIT_FINDINGS
        print(f"{target} 是最新的 / up to date")
        return EXIT_OK
    write_atomic(target, text)
    print(f"已写入 {target}")
    return EXIT_OK


def cmd_diff(args) -> int:
    from ..outputs import write_atomic
    from ..cli import expand_inputs
    from . import diff

    corpus = args.corpus or [DEFAULT_CORPUS]
    files, missing, _ = expand_inputs(corpus)
    if missing or not files:
        raise FzError(f"语料不存在或为空：{', '.join(missing or corpus)}", f"corpus missing or empty: {', '.join(missing or corpus)}")
    result = diff.with_base(args.base, args.paths or None, files)
    markdown = diff.to_markdown(result)
    print(markdown)
    if args.json_out:
        write_atomic(Path(args.json_out), diff.to_json(result))
    if args.markdown:
        write_atomic(Path(args.markdown), markdown)
    if args.write_expected:
        write_atomic(Path(args.write_expected), json.dumps(diff.comparable(result), ensure_ascii=False, indent=2) + "\n")
    code = EXIT_OK
    if args.max_changes is not None and diff.change_count(result) > args.max_changes:
        print(f"fzcheck: 变化 {diff.change_count(result)} 处，超过上限 {args.max_changes} / too many changes", file=sys.stderr)
        code = EXIT_FINDINGS
    if args.expected:
        try:
            expected = json.loads(Path(args.expected).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise FzError(f"无法读取预期差异文件 {args.expected}", f"cannot read expected diff {args.expected}: {exc}") from exc
        if expected != diff.comparable(result):
            print("fzcheck: 实际差异与已批准的预期差异不同 / the diff differs from the approved expected diff", file=sys.stderr)
            code = EXIT_FINDINGS
    return code


HANDLERS = {"validate": cmd_validate, "test": cmd_test, "coverage": cmd_coverage, "docs": cmd_docs, "diff": cmd_diff}
