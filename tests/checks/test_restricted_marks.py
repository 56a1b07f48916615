from checks.checkkit import flagged, full_report, run_check

CHECK = {"type": "restricted_marks"}


def test_classified_marks_as_typed():
    text = "秘密 ★ 5年\n" + full_report()
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["秘密 ★ 5年"]


def test_circulation_marks_on_their_own_line_or_in_brackets():
    text = full_report().replace("情况的报告\n", "情况的报告\n（内部材料 请勿外传）\n", 1)
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["内部材料", "请勿外传"]


def test_the_same_words_in_a_sentence_are_not_a_marking():
    text = full_report(achievements="严格保密管理，涉密文件不得外传、不得复制，内部文件按规定清退，完成规章初稿和讨论稿的起草。")
    assert run_check(CHECK, text, scope="full_text").status == "pass"


def test_a_draft_mark_in_a_cited_title_belongs_to_that_document():
    text = full_report(achievements="公开《某县行政执法办法（征求意见稿）》征求意见。")
    assert run_check(CHECK, text, scope="full_text").status == "pass"
    draft = full_report().replace("情况的报告\n", "情况的报告（讨 论 稿）\n", 1)
    assert flagged(run_check(CHECK, draft, scope="full_text"), draft) == ["讨 论 稿"]


def test_kinds_and_marks_of_the_rule():
    text = full_report(achievements="本报告仅限本系统阅知。")
    mark = {"form": "仅限本系统阅知", "kind": "restricted", "source": "某省保密规定"}
    assert run_check({**CHECK, "marks": [mark]}, text, scope="full_text").status == "fail"
    draft = full_report().replace("情况的报告\n", "情况的报告（送审稿）\n", 1)
    assert run_check({**CHECK, "kinds": ["classified"]}, draft, scope="full_text").status == "pass"


def test_not_for_outside_publication_on_a_line_of_its_own():
    text = full_report().replace("情况的报告\n", "情况的报告\n（此件不对外公开）\n", 1)
    assert flagged(run_check(CHECK, text, scope="full_text"), text) == ["此件不对外公开"]
