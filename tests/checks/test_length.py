from checks.checkkit import full_report, run_check

PROBLEMS = {"role": "shortcomings"}


def test_a_part_long_enough_passes_and_a_short_one_fails_with_its_size():
    check = {"type": "length", "min_chars": 20}
    assert run_check(check, full_report(), scope=PROBLEMS).status == "pass"
    result = run_check(check, full_report(shortcomings="执法不规范。"), scope=PROBLEMS, message="{chars}/{min_chars}")
    # The part is measured with its heading (二、存在的不足和原因: 9) and body (执法不规范: 5).
    assert result.status == "fail" and result.message == "14/20"


def test_punctuation_and_spaces_are_not_counted():
    check = {"type": "length", "min_chars": 15}
    result = run_check(check, full_report(shortcomings="执法，  不规范。。。！"), scope=PROBLEMS, message="{chars}")
    assert result.status == "fail" and result.message == "14"


def test_a_part_may_be_measured_against_another():
    check = {"type": "length", "ratio_to": "achievements", "min_ratio": 0.5}
    long_achievements = "全年办理行政复议案件35件，纠错8件。" * 20
    result = run_check(check, full_report(achievements=long_achievements), scope=PROBLEMS)
    assert result.status == "fail"
    assert run_check({**check, "min_ratio": 0.05}, full_report(achievements=long_achievements), scope=PROBLEMS).status == "pass"


def test_a_missing_part_is_not_measured():
    assert run_check({"type": "length", "min_chars": 20}, full_report(shortcomings=None), scope=PROBLEMS).status == "not_applicable"


def test_a_share_just_short_of_the_minimum_is_not_printed_as_the_minimum():
    """3.96% against at least 4% reads 3.9%, not “4%（至少 4%）”; a share well short keeps whole percents."""
    import math

    size = {"type": "length", "min_chars": 100000}   # fails, so the message gives the size
    padding = ""
    while True:   # an achievements part making the share's percent end in .5–.99
        report = full_report(achievements="全年办理行政复议案件35件，纠错8件。" * 20 + padding)
        short = int(run_check(size, report, scope=PROBLEMS, message="{chars}").message)
        long = int(run_check(size, report, scope={"role": "achievements"}, message="{chars}").message)
        if 0.5 <= (100 * short / long) % 1 < 1:
            break
        padding += "执"
    minimum = math.ceil(100 * short / long) / 100
    check = {"type": "length", "ratio_to": "achievements", "min_ratio": minimum}
    result = run_check(check, report, scope=PROBLEMS, message="{problems}")
    assert result.status == "fail"
    shown = float(result.message.split("篇幅的 ")[1].split("%")[0])
    assert shown < round(100 * minimum, 6) and f"（至少 {round(100 * minimum)}%）" in result.message
    far = run_check({**check, "min_ratio": minimum + 0.05}, report, scope=PROBLEMS, message="{problems}")
    assert f"篇幅的 {round(100 * short / long)}%" in far.message
