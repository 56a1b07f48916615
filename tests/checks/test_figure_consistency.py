from checks.checkkit import flagged, full_report, run_check

CHECK = {"type": "figure_consistency"}


def test_parts_that_add_up_pass():
    text = full_report(achievements="共评查案卷160卷，其中优秀84卷，合格54卷，不合格22卷。")
    assert run_check(CHECK, text).status == "pass"


def test_parts_that_do_not_add_up_to_the_total_fail():
    text = full_report(achievements="共评查案卷160卷，其中优秀84卷，合格54卷，不合格32卷。")
    result = run_check(CHECK, text)
    assert result.status == "fail" and flagged(result, text) == ["160卷，其中优秀84卷，合格54卷，不合格32卷"]


def test_a_rate_that_disagrees_with_its_counts_fails():
    good = full_report(achievements="全年收到复议申请177件，纠错61件，纠错率34.46%。")
    bad = full_report(achievements="全年收到复议申请177件，纠错61件，纠错率54.46%。")
    assert run_check(CHECK, good).status == "pass"
    result = run_check(CHECK, bad)
    assert result.status == "fail" and any("54.46%" in t for t in flagged(result, bad))


def test_checks_can_be_chosen():
    bad = full_report(achievements="全年收到复议申请177件，纠错61件，纠错率54.46%。")
    assert run_check({**CHECK, "checks": ["sums"]}, bad).status == "pass"
