from checks.checkkit import full_report, run_check

DUTIES = {"entries": [
    {"name": "亲自部署", "patterns": ["亲自(部署|过问|协调|督办)"]},
    {"name": "会议研究", "patterns": ["常务会议", "专题(研究|会议)"], "min_hits": 2},
    {"name": "带头学法", "patterns": ["学法"]},
    {"name": "述法", "patterns": ["述法"]},
]}
FIRST = {"role": "first_responsible"}


def test_every_entry_named_passes():
    assert run_check({"type": "catalogue", "catalogues": [DUTIES]}, full_report(), scope=FIRST).status == "pass"


def test_missing_entries_are_named_and_thin_ones_say_what_was_found():
    text = full_report(first_responsible="县长亲自部署法治政府建设，主持召开常务会议。")
    result = run_check({"type": "catalogue", "catalogues": [DUTIES]}, text, scope=FIRST, message="{absent}|{thin}")
    absent, thin = result.message.split("|")
    assert result.status == "fail" and "带头学法" in absent and "述法" in absent and "会议研究" in thin


def test_min_named_and_levels_relax_the_requirement():
    text = full_report(first_responsible="县长亲自部署法治政府建设，带头学法。")
    assert run_check({"type": "catalogue", "catalogues": [DUTIES], "min_named": 2}, text, scope=FIRST).status == "pass"
    by_level = {"type": "catalogue", "catalogues": [DUTIES], "min_by_level": {"department": 2}}
    assert run_check(by_level, text, scope=FIRST, level="department").status == "pass"
    assert run_check(by_level, text, scope=FIRST, level="county").status == "fail"


def test_the_catalogue_in_force_for_the_report_year_is_used():
    old = {"years": [2016, 2020], "entries": [{"name": "旧任务", "patterns": ["七五普法"]}]}
    new = {"years": [2021, None], "entries": [{"name": "新任务", "patterns": ["八五普法"]}]}
    text = full_report(first_responsible="推进八五普法规划实施。")
    check = {"type": "catalogue", "catalogues": [old, new]}
    assert run_check(check, text, scope=FIRST, year=2023).status == "pass"
    assert run_check(check, text, scope=FIRST, year=2019).status == "fail"


def test_entries_recited_without_figures_fail_when_figures_are_required():
    recited = full_report(first_responsible="县长亲自部署，召开常务会议专题研究，带头学法，年终述法。")
    done = full_report(first_responsible="县长亲自部署3次，召开常务会议4次专题研究，带头学法，年终述法。")
    check = {"type": "catalogue", "catalogues": [DUTIES], "min_with_figures": 2}
    assert run_check(check, recited, scope=FIRST).status == "fail"
    assert run_check(check, done, scope=FIRST).status == "pass"


def test_a_figure_written_before_the_duty_in_its_sentence_counts():
    check = {"type": "catalogue", "catalogues": [DUTIES], "min_named": 1, "min_with_figures": 1}
    before = full_report(first_responsible="全县各级党政主要负责人共236人向委员会述法。")
    assert run_check(check, before, scope=FIRST).status == "pass"
    # A figure that closes the previous sentence is not this duty's.
    previous = full_report(first_responsible="全年办理复议案件36件。各级党政主要负责人向委员会述法。")
    assert run_check(check, previous, scope=FIRST).status == "fail"


def test_the_shortfall_is_said_in_words_and_names_only_what_falls_short():
    check = {"type": "catalogue", "catalogues": [DUTIES], "min_named": 2, "min_with_figures": 1}
    recited = full_report(first_responsible="县长亲自部署、亲自过问法治建设，带头学法，年终述法。")
    result = run_check(check, recited, scope=FIRST, message="{shortfall}")
    assert result.message == "写到 3/4 项，没有一项写明次数等数据（至少 1 项），只列举了事项，没有写明各做了多少"
    thin = full_report(first_responsible="县长组织学法4次。")
    result = run_check(check, thin, scope=FIRST, message="{shortfall}|{gaps}")
    assert result.message == "只写到 1/4 项（至少 2 项）|没有写到：亲自部署、会议研究、述法"


def test_nothing_named_is_said_as_nothing():
    check = {"type": "catalogue", "catalogues": [DUTIES], "min_named": 2, "min_with_figures": 1}
    empty = full_report(first_responsible="县政府高度重视法治政府建设。")
    result = run_check(check, empty, scope=FIRST, message="{shortfall}")
    assert result.message == "一项也没有写到（共 4 项，至少 2 项）"
