"""Command line: ``fzcheck check``, ``fzcheck inspect``, ``fzcheck rules validate``.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, configuration
or rule-file error; 3 an input could not be read.  With several inputs the highest code wins.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from .base.version import __version__
from .base.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, FzError, InputError
from .run.inputs import expand_inputs, skipped_in
from .base.limits import DEFAULT_SECONDS
from .base.vocab import DEFAULT_FAIL_ON, DEFAULT_SIMILARITY, FAIL_ON, LEVEL_ZH, LEVELS, SEVERITY_ZH, level_of, unknown_level
from .writers.registry import formats_help

DEFAULT_FORMATS_TTY, DEFAULT_FORMATS = "text,json", "json"  # on a terminal; piped or in CI
PUBLISHED_SCHEMAS = ("config", "waivers", "registry", "rule", "spec", "report")  # checker/schema/<kind>.schema.json


# The level options' help: the ids and the Chinese words (any word of the registry's vocabulary is read).
LEVEL_HELP = "、".join(f"{level} 或 {LEVEL_ZH[level]}" for level in LEVELS)


def _date_argument(text: str) -> str:
    from .base.given import Given

    if not Given.valid_date(text):
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期，应为 YYYY-MM-DD / not a valid date (YYYY-MM-DD)")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fzcheck", description="法治政府建设年度报告合规检查 / compliance checker for annual rule-of-law government reports")
    parser.add_argument("--debug", action="store_true", help="出错时显示完整的调用栈 / show tracebacks")
    parser.add_argument("--version", action="version", version=f"fzcheck {__version__}",
                        help="显示版本号 / show the version")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="检查报告 / check reports")
    check.add_argument("paths", nargs="+", help="文件或文件夹 / files or folders")
    check.add_argument("--format", default=None,
                       help=f"输出格式，逗号分隔（终端上默认 {DEFAULT_FORMATS_TTY}，否则 {DEFAULT_FORMATS}）——{formats_help()}")
    check.add_argument("--output-dir", default="reports_out", help="输出文件夹（默认 reports_out）")
    check.add_argument("--no-revisions", action="store_true",
                       help="docx 格式只加批注，不把已知的唯一正确写法标为修订 / docx: comments only, no tracked changes")
    check.add_argument("--memo-template", metavar="模板文件",
                       help="memo 格式使用本单位的通报模板（Jinja2，以自带的 checker/templates/memo.txt.j2 为样本）"
                            " / memo: an office's own wording")
    check.add_argument("--fail-on", choices=FAIL_ON, default=None,
                       help=f"达到该级别的问题时退出码为 1（默认 {DEFAULT_FAIL_ON}，或项目配置中的 fail_on）")
    check.add_argument("--config", help="项目配置文件（默认查找 fzcheck.yaml 或 pyproject.toml 的 [tool.fzcheck]）")
    check.add_argument("--no-config", action="store_true", help="不查找项目配置文件")
    check.add_argument("--profile", help="配置方案：default、department、township、draft 或配置文件路径")
    check.add_argument("--rules", action="append", help="规则文件或文件夹（可多次）/ rule files or folders")
    check.add_argument("--year", type=int, help="报告年度（未能识别时）")
    check.add_argument("--issuer-level", help=f"报告主体层级（未能识别时）：{LEVEL_HELP}")
    check.add_argument("--published", type=_date_argument, help="网页公开日期 YYYY-MM-DD（报告自己的成文日期照常识别）")
    check.add_argument("--disable", action="append", default=[], help="停用某条规则（规则 id）")
    check.add_argument("--jobs", "-j", type=int, default=1, help="并行检查的进程数（默认 1）")
    check.add_argument("--waivers", help="豁免文件（YAML）")
    check.add_argument("--no-waivers", action="store_true", help="不应用任何豁免（审计时使用）")
    check.add_argument("--baseline", help="上一次运行的 JSON 文件或文件夹：只显示新出现的问题")
    check.add_argument("--time-limit", type=float, default=DEFAULT_SECONDS,
                       help=f"每个文件的处理时间上限（秒，默认 {DEFAULT_SECONDS:g}；0 表示不限）")
    check.add_argument("--memory-limit", type=int, default=None, metavar="MB",
                       help="本进程及其工作进程的内存（地址空间）上限，单位 MB，如 2048；超限的文件报“内存不足”，其余照常检查"
                            "（默认不限；网页服务的工作进程固定 2048）")
    check.add_argument("--similar", type=float, default=DEFAULT_SIMILARITY,
                       help=f"批量检查时列出雷同比例不低于此值的报告对（0 到 1，默认 {DEFAULT_SIMILARITY}；0 表示不比较）")
    check.add_argument("--previous", help="上一年度的报告（文件，或按主体和年度匹配的文件夹）：检查问题和安排是否照抄、上年安排是否落实；"
                                          "不指定时在结果库中查找同一主体上一年度的报告")
    check.add_argument("--registry", help="主体名录（YAML：名称、别名、层级、区划代码、应报年度），用于列出未报送的单位；"
                                          "也可写在本轮 fzcheck.yaml 的 registry:")
    check.add_argument("--store", help="把本轮结果记入此结果库（SQLite），并从中查找上一年度报告；也可写在本轮 fzcheck.yaml 的 store:"
                                       "（相对于该文件）或环境变量 FZCHECK_STORE；都没有时不记录")
    check.add_argument("--no-store", action="store_true", help="不使用配置或环境变量指定的结果库（不记录本次结果，也不从中查找上一年度报告）")
    check.add_argument("--server", metavar="URL",
                       help="交给正在运行的 fzcheck serve 检查（如 http://127.0.0.1:8765），省去每次启动的时间；使用服务的规则和配置，"
                            "结果与本机 --no-config --no-store 检查相同")
    check.add_argument("--no-server", action="store_true",
                       help="不自动使用本机正在运行的 fzcheck serve（默认在结果必然相同时使用：不记入结果库、没有项目配置、"
                            "不超过 20 个文件）")

    inspect = sub.add_parser("inspect", help="显示识别出的结构、元数据和数字 / show the document model")
    inspect.add_argument("path")
    inspect.add_argument("--json", action="store_true")

    serve = sub.add_parser("serve", help="启动本机网页，供报告作者自查 / a local web page for authors")
    serve.add_argument("--host", default="127.0.0.1", help="绑定地址（默认 127.0.0.1，只允许本机访问）")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--open", action="store_true", help="启动后打开浏览器")
    serve.add_argument("--allowed-host", action="append", default=[],
                       help="允许的主机名（可多次；在内网以名称访问时使用，如 fzcheck.sfj.example.gov.cn）")
    serve.add_argument("--workers", type=int, default=2, help="同时检查的工作进程数（默认 2）")

    history = sub.add_parser("history", help="结果库中各主体逐年的结论和各规则逐年的不通过比例 / issuers and rules across years")
    history.add_argument("--store", help="结果库路径（默认为本轮 fzcheck.yaml 的 store:，或环境变量 FZCHECK_STORE）")
    history.add_argument("--config", help="本轮的项目配置文件（默认查找 fzcheck.yaml）")
    history.add_argument("--issuer", help="只列出这个主体（名称的一部分，或任何写法：临安区、杭州市临安区人民政府、330112）")
    history.add_argument("--year", type=int, help="只列出这个年度")
    history.add_argument("--level", help=f"只列出这个层级：{LEVEL_HELP}")
    history.add_argument("--json", action="store_true", help="以 JSON 输出")

    config = sub.add_parser("config", help="项目配置 / project configuration")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    show = config_sub.add_parser("show", help="显示生效的配置及每项的来源 / effective configuration and where each value comes from")
    show.add_argument("--config", help="项目配置文件（默认查找 fzcheck.yaml 或 pyproject.toml 的 [tool.fzcheck]）")
    show.add_argument("--no-config", action="store_true", help="不查找项目配置文件")
    show.add_argument("--profile", help="配置方案名称或配置文件路径")
    show.add_argument("--issuer-level", help=f"按此层级选择默认配置方案：{LEVEL_HELP}")
    show.add_argument("--rules", action="append", help="规则包名称、文件或文件夹（可多次）")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    schema = config_sub.add_parser("schema", help="输出某种数据文件的 JSON Schema，供编辑器自动补全和校验 / print a data file's JSON Schema")
    schema.add_argument("kind", choices=PUBLISHED_SCHEMAS,
                        help="config（fzcheck.yaml、配置方案）、waivers（豁免文件）、registry（主体名录）、rule（规则包）、"
                             "spec（条款目录）、report（JSON 结果）")

    rules = sub.add_parser("rules", help="规则包工具 / rule-pack tools")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    from .rulestools.commands import add_parsers
    add_parsers(rules_sub)
    return parser


def _formats(requested: str | None) -> list[str]:
    from .run.outputs import FORMATS

    formats = [f.strip() for f in (requested or (DEFAULT_FORMATS_TTY if sys.stdout.isatty() else DEFAULT_FORMATS)).split(",")
               if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise FzError(f"不支持的输出格式：{', '.join(unknown)}（可用：{', '.join(FORMATS)}）",
                      f"unsupported format(s): {', '.join(unknown)} (available: {', '.join(FORMATS)})")
    return formats


def rule_docs_url(configured: str | None) -> str | None:
    """Where the rule reference is published (``docs_url`` in the configuration), else the
    project's generated reference (docs/rules.md at the source root) when there is one."""
    from pathlib import Path

    from .writers.sarif import source_root

    if configured:
        return configured
    local = Path(source_root()) / "docs" / "rules.md"
    return local.as_uri() if local.is_file() else None


def _unwritable(exc: OSError, directory: str) -> FzError:
    """A folder that cannot be written (read-only, full, not a folder) ends the run with a clear
    message instead of a traceback."""
    return FzError(f"无法写入输出文件夹“{directory}”：{exc.strerror or exc}",
                   f"cannot write to the output folder '{directory}': {exc.strerror or exc}")


def _limit_memory(megabytes: int) -> None:
    """RLIMIT_AS for this process, inherited by its batch workers: a file that needs more ends as that
    file's "out of memory" (MemoryError), the others are checked."""
    if megabytes < 256:
        raise FzError("--memory-limit 至少为 256（MB）", "--memory-limit must be at least 256 (MB)")
    try:
        import resource
        limit = megabytes * 1024 ** 2
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ImportError, ValueError, OSError) as exc:
        raise FzError(f"无法设置内存上限（{exc}）", f"cannot set the memory limit ({exc})") from exc


def cmd_check(args) -> int:
    from .run.outputs import Outputs
    from .base.progress import Progress
    from .writers.registry import WriterOptions

    formats = _formats(args.format)
    if args.memo_template:  # an office's own 通报 wording: a bad file ends the run before any report is read
        from .writers.memo import template
        template(args.memo_template)
    if args.memory_limit:
        _limit_memory(args.memory_limit)
    files, code = _inputs(args.paths, args.output_dir)
    if not args.server and not args.no_server and _may_use_a_running_server(args, files):
        from .serve.discovery import discovered_server
        args.server, args.server_token = discovered_server() or (None, None)
        if args.server:
            print(printable(f"fzcheck: 使用本机正在运行的检查服务 {args.server}（结果与本机检查相同；--no-server 可关闭）\n"
                            f"  using the running server at {args.server} (same results; --no-server turns this off)"),
                  file=sys.stderr)
    if args.server:
        round_, rule_meta, store = _remote_round(args, files)
    else:
        round_, rule_meta, store = _local_round(args, files)
    # The outputs are the round's before it starts: workers take copied-text fingerprints only when a batch compares.
    outputs = round_.outputs = Outputs(args.output_dir, formats, files, rule_meta, similarity=args.similar,
                                       writer_options=WriterOptions(revisions=not args.no_revisions,
                                                                    memo_template=args.memo_template))
    registry = args.registry or (round_.checker.registry_path if round_.checker else None)
    if registry:
        from .store.roster import Registry
        outputs.registry = Registry.load(registry)
        outputs.round_year = args.year
    progress = Progress(len(files))
    tally = RunTally()
    try:
        for done in round_:
            if not done.again:  # a round that compares its reports hands each input over twice
                progress.step(done.path)
            progress.clear_line()
            if done.pending:
                continue
            tally.add(done)
            if done.failure:
                print(printable(f"fzcheck: 无法读取“{done.path}”：{done.failure.zh}\n  cannot read '{done.path}': "
                                f"{done.failure.en}"), file=sys.stderr)
            else:
                _say(printable(done.line))
                warnings = done.digest.previous_warnings if done.digest else (done.checked.report.previous or {}).get("warnings", [])
                for warning in warnings:
                    print(printable(f"fzcheck: {done.path}：{warning} / --previous: the file given is not "
                                    "certainly the same issuer's report of the year before"), file=sys.stderr)
        progress.close()
        for note in round_.notes():
            print(f"fzcheck: {note}", file=sys.stderr)
        written_files = round_.finish()
    except OSError as exc:
        raise _unwritable(exc, args.output_dir) from exc
    if len(files) > 1:
        _say(printable(tally.line()))
    for fmt, (count, first) in outputs.report_files.items():
        print(printable(f"已写入 {first}" if count == 1 else f"已写入 {count} 个 {fmt} 文件到 {first.parent}（如 {first.name}）"),
              file=sys.stderr)
    for written in written_files:
        print(printable(f"已写入 {written}"), file=sys.stderr)
    for failure in outputs.writer_failures:  # an output's own failure, not the input's (exit 2, as for output errors)
        zh, en = failure.messages()
        print(printable(f"fzcheck: {zh}\n  {en}"), file=sys.stderr)
        code = max(code, EXIT_USAGE)
    if store:
        store.close()
    for line in _round_notes(outputs):
        print(printable(f"fzcheck: {line}"), file=sys.stderr)
    return max(code, round_.code)


def _say(line: str) -> None:
    """A line on standard output; when its reader has left (``fzcheck check … | head``) the rest goes
    nowhere and the batch goes on: its files are written and its exit code is the batch's."""
    try:
        print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class RunTally:
    """The run's own summary line: reports by verdict, findings by severity, rules involved."""

    def __init__(self):
        from .writers.text import tally

        self._tally = tally
        self.verdicts: dict[str, int] = {}
        self.unreadable = 0
        self.by_severity = dict.fromkeys(SEVERITY_ZH, 0)
        self.rules: set[str] = set()

    def add(self, done) -> None:
        if done.failure or (done.checked is None and done.digest is None):
            self.unreadable += 1
            return
        if done.digest is not None:  # the round's digest of the report holds its tally
            verdict, by_severity, rules = done.digest.verdict, done.digest.by_severity, done.digest.rules
        else:
            from .writers.text import finding_lines

            report = done.checked.report
            verdict = report.summary["verdict"]
            by_severity, rules = self._tally(finding_lines(report))
        self.verdicts[verdict] = self.verdicts.get(verdict, 0) + 1
        for severity, count in by_severity.items():
            self.by_severity[severity] += count
        self.rules |= rules

    def line(self) -> str:
        from .base.vocab import VERDICT_ZH
        from .writers.text import counts_line

        checked = sum(self.verdicts.values())
        verdicts = "、".join(f"{VERDICT_ZH[v]} {n} 份" for v, n in self.verdicts.items() if n)
        unreadable = f"、无法读取 {self.unreadable} 份" if self.unreadable else ""
        return f"共检查 {checked + self.unreadable} 份：{verdicts or '无'}{unreadable}；{counts_line(self.by_severity, self.rules)}"


def _inputs(paths: list[str], output_dir: str | None = None) -> tuple[list[str], int]:
    """The files to check, after saying which inputs are missing, empty folders or skipped."""
    files, missing, empty = expand_inputs(paths, output_dir)
    code = EXIT_OK
    for path in missing:
        _print_error(InputError(path, "文件不存在", "no such file"))
        code = EXIT_INPUT
    for path in empty:
        _print_error(InputError(path, "这是一个文件夹，其中没有可检查的文件（.txt .html .docx .doc .wps .pdf .ofd）",
                                "a folder with no report file in it (.txt .html .docx .doc .wps .pdf .ofd)"))
        code = EXIT_INPUT
    for path in skipped_in(paths, output_dir):
        suffix = os.path.splitext(path)[1]
        print(printable(f"fzcheck: 跳过“{path}”：{suffix} 不是报告的格式（可检查 .txt .html .docx .doc .wps .pdf .ofd）\n"
                        f"  skipped '{path}': {suffix} is not a report format"), file=sys.stderr)
    if not files and not missing and not empty:
        raise FzError("没有找到可检查的文件", "no files to check")
    return files, code


def _rule_meta(rules, docs_url: str | None) -> dict:
    """What SARIF says of each rule (its severity, rationale, title and reference page)."""
    from .rulestools.docs import rule_anchor

    docs = rule_docs_url(docs_url)
    return {r.id: {"severity": r.severity, "rationale": r.rationale, "title": r.title, "tags": list(r.tags),
                   "help_uri": f"{docs}#{rule_anchor(r.id)}" if docs else None} for r in rules}


def run_request(args):
    """The one request this command line asks for (see checker/run/request.py): the store it names,
    else the round's configuration's or FZCHECK_STORE, unless --no-store."""
    from .base.given import Given
    from .run.request import RunRequest

    return RunRequest(rules=args.rules, config=args.config, discover_config=not args.no_config, profile=args.profile,
                      disable=args.disable, fail_on=args.fail_on,
                      given=Given(args.year, args.issuer_level, args.published),
                      waivers=args.waivers, use_waivers=not args.no_waivers, baseline=args.baseline,
                      previous=args.previous, store=None if args.no_store else args.store,
                      store_from_settings=not args.no_store, time_limit=args.time_limit or None, jobs=args.jobs,
                      debug=args.debug, server=args.server)


def _local_round(args, files: list[str]):
    from .run.batch import Settings
    from .run.pipeline import Checker
    from .run.round import Round
    from .store.database import Store

    request = run_request(args)
    checker = Checker(request)
    store = Store(checker.store_path) if checker.store_path else None
    if store:
        store.start_run(checker.ruleset, args.profile, args.paths)
    round_ = Round(checker, files, store=store, fail_on=checker.fail_on, jobs=request.jobs,
                   settings=Settings(request.time_limit, request.debug))
    return round_, _rule_meta(checker.ruleset.rules, checker.docs_url), store


def _set_for_the_server(args) -> list[str]:
    """The options given that a running server decides itself or cannot do for a client."""
    given = run_request(args).set_for_the_server()
    return given + ["registry"] if args.registry else given


def _may_use_a_running_server(args, files: list[str]) -> bool:
    """Whether a running plain server must give this run's exact result (checker/serve/discovery.py): a few files,
    no results store, nothing the server decides, no project configuration, default time limit."""
    from .serve.discovery import MAX_FILES
    from .engine.projectfile import find_project_config
    from .store.database import settings_store

    request = run_request(args)
    records = not args.no_store and (args.store or settings_store())
    if len(files) > MAX_FILES or records or not request.is_default("time_limit") or not request.is_default("jobs"):
        return False
    if _set_for_the_server(args):
        return False
    return args.no_config or find_project_config() is None


def _remote_round(args, files: list[str]):
    """The files checked by a running ``fzcheck serve`` (checker/run/remote.py): the same JSON as a local
    ``--no-config --no-store`` run with the server's rules, without this process loading them."""
    from .engine.projectfile import find_project_config
    from .run.round import Round

    given = [f"--{name.replace('_', '-')}" for name in _set_for_the_server(args)]
    if given:
        raise FzError(f"{'、'.join(given)} 不能与 --server 同用：检查服务使用它自己的规则和配置",
                      f"{', '.join(given)} cannot be used with --server: the server checks with its own rules and configuration")
    project = None if args.no_config else find_project_config()
    if project:
        raise FzError(f"发现项目配置“{project}”，不能与 --server 同用：检查服务使用它自己的配置；加 --no-config 按服务的配置检查，或去掉 --server",
                      f"project configuration '{project}' found: with --server the server's configuration applies; "
                      f"add --no-config to accept that, or drop --server")
    rule_meta = {}
    if len(files) > 1 or {"sarif", "xlsx", "memo"} & set(_formats(args.format)):
        # The server checks with the bundled rules: their titles and groups (tags) for the batch files.
        from .engine.ruleset import load_ruleset
        rule_meta = _rule_meta(load_ruleset().rules, None)
    round_ = Round(None, files, fail_on=args.fail_on, server=args.server, given=run_request(args).given,
                   server_token=getattr(args, "server_token", None))
    return round_, rule_meta, None


def cmd_inspect(args) -> int:
    from .document import build
    from .document.serialize import document_dict
    from .ingest import load

    doc = build(load(args.path))
    data = document_dict(doc, with_figures=True)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(render_outline(data))
    return EXIT_OK


def _round_notes(outputs) -> list[str]:
    """What the round says of itself besides each report: the registry (who sent nothing, which
    reports needed an alias or a code to be matched, which are not in it) and how many reports found
    their previous year's report."""
    from .base.vocab import MATCHED_VIA_ZH as VIA_ZH

    lines = []
    roster = outputs.roster
    if roster:
        year = f"{roster['year']}年度" if roster["year"] else "年度未识别"
        lines.append(f"主体名录：{year}应报送 {roster['due']} 个单位，已报送 {roster['submitted']} 个，未报送 "
                     f"{len(roster['not_submitted'])} 个 / registry: {roster['submitted']} of {roster['due']} submitted")
        for match in roster["matches"]:
            if match["via"] != "name":
                lines.append(f"  “{match['path']}”按{VIA_ZH[match['via']]}对应名录中的“{match['unit']}”")
        for missing in roster["not_submitted"]:
            received = missing.get("received_years")
            lines.append(f"未报送：{missing['issuer']}（{missing['year'] or '年度未识别'}）"
                         + (f"，收到的是{'、'.join(map(str, received))}年度的报告" if received else "") + " / not submitted")
        for report in roster["unlisted"]:
            lines.append(f"不在名录中：“{report['path']}”（{report['issuer'] or '报告主体未识别'}）/ not in the registry")
    previous = outputs.previous_summary()
    if previous and (outputs.batch or previous["missing"]):
        lines.append(f"上一年度报告：{previous['looked_for']} 份报告中 {previous['found']} 份找到了上一年度报告"
                     + (f"，{len(previous['missing'])} 份没有找到：" if previous["missing"] else "")
                     + f" / previous year's report found for {previous['found']} of {previous['looked_for']}")
        shown = previous["missing"][:20]
        lines += [f"  “{item['path']}”：{item['reason']}" for item in shown]
        if len(previous["missing"]) > len(shown):
            lines.append(f"  ……另有 {len(previous['missing']) - len(shown)} 份（见 summary.json 的 previous_reports）")
    return lines


def _history_store(args):
    """The store ``fzcheck history`` reads: --store, else the round's fzcheck.yaml's store:, else
    FZCHECK_STORE."""
    from pathlib import Path

    from .engine.config import merge, project_layers
    from .store.database import settings_store

    path = args.store or settings_store(merge(project_layers(args.config)).store)
    if not path:
        raise FzError("没有指定结果库：用 --store、本轮 fzcheck.yaml 的 store: 或环境变量 FZCHECK_STORE 指定",
                      "no results store: give --store, store: in the round's fzcheck.yaml, or FZCHECK_STORE")
    if not Path(path).exists():
        raise FzError(f"结果库“{path}”不存在：先用 fzcheck check --store 检查报告",
                      f"no results store at '{path}': run fzcheck check --store first")
    return Path(path)


def cmd_history(args) -> int:
    """Per issuer, the verdict and failing rules year by year; per rule, the share failing by year
    and level (from the results store), for the issuers, year and level asked for."""
    from .store.database import Store
    from .writers.common import LEVEL_ZH, VERDICT_ZH

    level = args.level
    path = _history_store(args)
    store = Store(path)
    issuers = store.history(issuer=args.issuer, year=args.year, level=level)
    rules = store.rule_trend(issuer=args.issuer, year=args.year, level=level)
    store.db.close()
    if args.json:
        print(json.dumps({"store": str(path), "filter": {"issuer": args.issuer, "year": args.year, "level": level},
                          "issuers": issuers, "rules": rules}, ensure_ascii=False, indent=2))
        return EXIT_OK
    current = None
    print(f"结果库：{path}")
    if not issuers:
        print("没有符合条件的报告")
        return EXIT_OK
    for row in issuers:
        if row["issuer_key"] != current or row["issuer_key"] is None:
            current = row["issuer_key"]
            name = row["issuer"] or f"（报告主体未识别）{row['path'] or ''}"
            print(f"\n{name}（{LEVEL_ZH.get(row['level'], '层级未识别')}）")
        failing = "、".join(row["failing"][:6]) + ("等" if len(row["failing"]) > 6 else "")
        print(f"  {row['year'] or '年度未识别'}  {VERDICT_ZH.get(row['verdict'], row['verdict'])}  错误 {row['errors']}，"
              f"警告 {row['warnings']}  {('未通过：' + failing) if failing else ''}")
    failing = [rule for rule in rules if rule["failing"]]
    print("\n各规则逐年不通过比例（只列有不通过的；全部见 --json）：" if failing else "\n各规则均通过")
    for rule in failing:
        share = round(100 * rule["failing"] / rule["total"]) if rule["total"] else 0
        print(f"  {rule['rule_id']}  {rule['year'] or '-'}  {LEVEL_ZH.get(rule['level'], '层级未识别')}  "
              f"{rule['failing']}/{rule['total']}（{share}%）")
    return EXIT_OK


def _confidence(value) -> str:
    return "未测定" if value is None else f"{value:.2f}"


def render_outline(data: dict) -> str:
    from .writers.common import LEVEL_ZH, PERIOD_ZH, ROLE_ZH, SOURCE_ZH

    def source(key):
        return SOURCE_ZH.get(data.get(key) or "", data.get(key) or "-")

    lines = [f"文件：{data['path']}（{data['format']}，{data['encoding'] or '-'}，{data['chars']} 字）",
             f"标题：{data['title'] or '（无标题）'}",
             f"主体：{data['issuer'] or '（未识别）'}　层级：{LEVEL_ZH.get(data['issuer_level'], '（未识别）')}"
             f"（来源：{source('issuer_source')}，可信度 {_confidence(data['issuer_confidence'])}）",
             f"年度：{data['year'] or '（未识别）'}（来源：{source('year_source')}）　期间：{PERIOD_ZH[data['period']]}"
             f"　日期：{data['date'] or '（无）'}（来源：{source('date_source')}）"]
    if data["header"]:
        lines.append("公文要素：" + "；".join(f"{p['part']}：{p['value']}" for p in data["header"]))
    if data.get("ocr_confidence") is not None:
        lines.append(f"文字来源：扫描件文字识别（OCR），平均置信度 {data['ocr_confidence']:.3f}；数字可能识别有误，请核对原件")
    publisher = data.get("publisher")
    if publisher and publisher["relation"]:
        from .base.vocab import PUBLISHER_RELATION_ZH, publisher_words
        said = publisher_words(publisher["zone"], publisher["name"])
        lines.append(f"发布者：{said}，{PUBLISHER_RELATION_ZH[publisher['relation']]}")
    if data["page"]:
        lines.append("网页信息：" + "；".join(f"{k}：{v}" for k, v in data["page"].items()))
    lines += ["", "结构："]

    def walk(sections, depth):
        for s in sections:
            role = f"  [{ROLE_ZH[s['role']]}]" if s["role"] != "none" else ""
            lines.append(f"{'  ' * depth}{s['marker']}{s['title']}{role}")
            walk(s["children"], depth + 1)

    walk(data["sections"], 1)
    runs = [r for r in data["item_runs"]]
    lines.append("")
    lines.append(f"分项（一是……）：{len(runs)} 组，编号 " + "；".join("、".join(str(i["number"]) for i in r) for r in runs[:12]))
    figures = data.get("figures", [])
    lines.append(f"数字：{len(figures)} 个　" + "，".join(f"{f['text']}({f['kind']})" for f in figures[:30])
                 + ("……" if len(figures) > 30 else ""))
    return "\n".join(lines)


_CONTROL = str.maketrans({code: f"\\x{code:02x}" for code in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xa0)]})


def printable(text: str) -> str:
    """Control characters (a file name with ESC codes, a report with stray bytes) are shown as
    escapes, never sent to the terminal raw."""
    return text.translate(_CONTROL)


def _read_levels(args) -> None:
    """Every level option (``--issuer-level``, ``--level``) read in one vocabulary: the ids or the
    Chinese words a registry uses (县级, 政府部门 …); anything else is a usage error (exit 2)
    naming what is accepted."""
    for option in ("issuer_level", "level"):
        word = getattr(args, option, None)
        if word is None:
            continue
        level = level_of(word)
        if level is None:
            raise FzError(*unknown_level(word))
        setattr(args, option, level)


def _print_error(exc: FzError) -> None:
    print(printable(f"fzcheck: {exc.zh}\n  {exc.en}"), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        _read_levels(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "inspect":
            return cmd_inspect(args)
        if args.command == "history":
            return cmd_history(args)
        if args.command == "config" and args.config_command == "schema":
            from .base.yamlsafe import data_schema
            print(json.dumps(data_schema(args.kind), ensure_ascii=False, indent=2))
            return EXIT_OK
        if args.command == "config":
            from .engine.config import show_effective
            return show_effective(args)
        if args.command == "serve":
            from .serve.server import serve
            return serve(args.host, args.port, args.open, args.allowed_host, max(1, args.workers))
        from .rulestools.commands import HANDLERS
        return HANDLERS[args.rules_command](args)
    except FzError as exc:
        if args.debug:
            raise
        _print_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into head, less …: the reader left; nothing more to say, and no traceback
        # when Python flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
