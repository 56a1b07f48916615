from checks.checkkit import flagged, full_report, run_check

CHECK = {"type": "sensitive_data"}


def _id_number(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def test_a_valid_id_number_and_a_mobile_number_are_flagged():
    number = _id_number("11010519491231002")
    text = full_report(achievements=f"联系人张三，身份证号{number}，电话13812345678。")
    result = run_check(CHECK, text, scope="full_text")
    assert result.status == "fail" and sorted(flagged(result, text)) == sorted([number, "13812345678"])


def test_eighteen_digits_with_a_wrong_check_digit_are_not_an_id_number():
    number = _id_number("11010519491231002")
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    text = full_report(achievements=f"统一社会信用编号{wrong}。")
    assert run_check(CHECK, text, scope="full_text").status == "pass"


def test_kinds_limit_what_is_looked_for():
    text = full_report(achievements="服务热线13812345678。")
    assert run_check({**CHECK, "kinds": ["id_number"]}, text, scope="full_text").status == "pass"
