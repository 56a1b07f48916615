"""One request per run: built once, pickled to workers unchanged, defaults spelt once."""
import pickle

import pytest

from checker.base.given import Given
from checker.base.limits import DEFAULT_SECONDS
from checker.cli import _parser
from checker.run.request import SERVER_DECIDES, RunRequest
from checker.writers.registry import FORMATS


def test_the_request_is_frozen_and_travels_to_workers_unchanged():
    request = RunRequest(rules=["core"], disable=["report.title"], given=Given(2023, "county", None))
    assert request.rules == ("core",) and request.disable == ("report.title",)
    assert pickle.loads(pickle.dumps(request)) == request
    with pytest.raises(AttributeError):
        request.jobs = 3  # type: ignore[misc]


def test_fields_a_server_decides_are_named():
    assert RunRequest().set_for_the_server() == []
    assert RunRequest(profile="draft", store="x.sqlite").set_for_the_server() == ["profile", "store"]
    assert set(SERVER_DECIDES) <= {f for f in RunRequest.__dataclass_fields__}


def test_check_help_lists_every_registered_format_and_the_defaults():
    check = _parser()._subparsers._group_actions[0].choices["check"]
    help_text = check.format_help()
    for name in FORMATS:
        assert f"{name}：" in help_text, name
    time_limit = next(a for a in check._actions if a.dest == "time_limit")
    assert time_limit.default == DEFAULT_SECONDS == RunRequest().time_limit


def test_stated_metadata_is_applied_in_the_build():
    from checker.document import build
    from checker.ingest import from_text

    text = "某某县人民政府2022年法治政府建设年度报告\n一、主要举措和成效\n全年办理案件12件。"
    doc = build(from_text(text), Given(2023, "county", "2024-03-20"))
    assert (doc.meta.year, doc.meta.year_source, doc.meta.issuer_level, doc.meta.date) == (2023, "given", "county",
                                                                                        "2024-03-20")
    plain = build(from_text(text))
    assert plain.meta.year == 2022 and plain.meta.year_source != "given"


def test_a_publication_date_keeps_the_reports_own_date_and_a_bad_one_is_refused(capsys):
    from checker.cli import main
    from checker.document import build
    from checker.ingest import from_text

    text = "某某县人民政府2023年法治政府建设年度报告\n一、主要举措和成效\n全年办理案件12件。\n某某县人民政府\n2024年3月15日\n"
    doc = build(from_text(text), Given(None, None, "2024-03-28"))
    assert (doc.meta.date, doc.meta.published) == ("2024-03-15", "2024-03-28") and doc.meta.date_span
    with pytest.raises(SystemExit) as exit_:
        main(["check", "x.txt", "--published", "2024-13-45"])
    assert exit_.value.code == 2 and "不是有效日期" in capsys.readouterr().err
