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


def test_numbers_broken_by_spaces_or_dashes_are_still_flagged():
    number = _id_number("33010219900101123")
    broken = f"{number[:6]}-{number[6:14]}-{number[14:]}"
    text = full_report(achievements=f"申请人身份证号{broken}，手机 139 0878 1234，座机0571-88888888。")
    result = run_check(CHECK, text, scope="full_text")
    assert sorted(flagged(result, text)) == sorted([broken, "139 0878 1234"])


def test_an_account_number_counts_only_where_it_is_introduced_as_one():
    text = full_report(achievements="补偿款汇入银行卡号6222-0212-3456-7890，项目编号202301010001234。")
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["6222-0212-3456-7890"]


def test_a_home_address_beside_a_private_person_but_not_an_office_address():
    text = full_report(achievements="上门为村民王某（某镇和平街8号2栋301室）调解纠纷。服务中心设在人民路18号，成立3个工作组。")
    result = run_check(CHECK, text, scope="full_text")
    assert result.status == "fail" and flagged(result, text)[0].endswith("301室")
    office = full_report(achievements="服务中心设在人民路18号2楼，实现住房保障3栋楼交付。")
    assert run_check(CHECK, office, scope="full_text").status == "pass"
