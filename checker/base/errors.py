"""Errors that reach the user, each with a Chinese and an English message and an exit code."""
from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2  # usage, configuration or rule-file error
EXIT_INPUT = 3  # an input could not be read


class FzError(Exception):
    """Base class: carries a bilingual message and the exit code it maps to."""

    exit_code = EXIT_USAGE

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class InputError(FzError):
    """An input file that cannot be read or understood."""

    exit_code = EXIT_INPUT

    def __init__(self, path: str, zh: str, en: str):
        self.path = path
        self.reason_zh, self.reason_en = zh, en  # without the file name, for messages that name it already
        super().__init__(f"无法读取“{path}”：{zh}", f"cannot read '{path}': {en}")


class RuleError(FzError):
    """A rule file, spec catalogue or configuration that is invalid."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: list[str], what: tuple[str, str] = ("规则文件", "rule files")):
        """``what``: the kind of file, in Chinese and English (a configuration, waivers, a registry …)."""
        self.problems = problems
        body = "\n".join(problems)
        super().__init__(f"{what[0]}有误：\n{body}", f"invalid {what[1]} ({len(problems)} problem(s))")


class UsageError(FzError):
    exit_code = EXIT_USAGE
