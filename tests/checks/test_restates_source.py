from checks.checkkit import full_report, run_check

CLAUSES = {"src.a": {"quote": "健全行政决策制度体系，不断提升行政决策公信力和执行力"},
           "src.b": {"quote": "健全突发事件应对体系，依法预防处置重大突发事件"},
           "src.c": {"summary": "没有原文的条款不比较"}}
CHECK = {"type": "restates_source", "clauses": CLAUSES, "filler": ["持续", "进一步"]}
PLANS = {"role": "next_year"}


def test_an_item_that_repeats_the_sources_wording():
    text = full_report(next_year="一是持续健全行政决策制度体系，提升行政决策公信力和执行力。二是年内修订应急预案12件，开展演练3次。")
    result = run_check(CHECK, text, scope=PLANS)
    assert result.status == "fail" and len(result.findings) == 1
    assert "健全行政决策制度体系" in result.findings[0].message


def test_an_item_that_names_its_own_measures_after_the_heading_is_not_a_restatement():
    text = full_report(next_year="一是健全突发事件应对体系，年内修订全县应急预案12件，每个乡镇开展防汛演练1次以上。")
    assert run_check(CHECK, text, scope=PLANS).status == "pass"


def test_without_quotes_there_is_nothing_to_compare():
    text = full_report(next_year="一是健全行政决策制度体系，不断提升行政决策公信力和执行力。")
    result = run_check({**CHECK, "clauses": {"src.c": CLAUSES["src.c"]}}, text, scope=PLANS)
    assert result.status == "not_applicable"


def test_a_part_that_is_missing_is_not_applicable():
    assert run_check(CHECK, full_report(next_year=None), scope=PLANS).status == "not_applicable"
