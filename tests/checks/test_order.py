from checks.checkkit import ACHIEVEMENTS, BODIES, FIRST_RESPONSIBLE, NEXT_YEAR, SHORTCOMINGS, full_report, report, run_check

CHECK = {"type": "order", "sequence": ["achievements", "shortcomings", "first_responsible", "next_year"],
         "may_lead": ["first_responsible"]}


def renumbered(*headings: str) -> list[tuple[str, str]]:
    return [("一二三四"[i] + "、" + h.split("、", 1)[1], BODIES[h]) for i, h in enumerate(headings)]


def test_the_regulation_s_order_passes():
    assert run_check(CHECK, full_report()).status == "pass"


def test_plans_before_problems_fail():
    text = report(*renumbered(ACHIEVEMENTS, NEXT_YEAR, SHORTCOMINGS, FIRST_RESPONSIBLE))
    assert run_check(CHECK, text, message="{order}").status == "fail"


def test_the_first_responsible_part_may_lead_when_the_rule_allows_it():
    text = report(*renumbered(FIRST_RESPONSIBLE, ACHIEVEMENTS, SHORTCOMINGS, NEXT_YEAR))
    assert run_check(CHECK, text).status == "pass"
    assert run_check({**CHECK, "may_lead": []}, text).status == "fail"
