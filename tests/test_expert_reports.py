"""Each expert check on a full report: the bundled sample is the compliant report, and a flawed
variant of it carries exactly the flaw the check is about."""
import pytest

from checker.cli import main
from checker.run.pipeline import Checker

from conftest import ROOT, SAMPLE

EXPERT = str(ROOT / "rules" / "expert.yaml")
PREVIOUS = ROOT / "tests" / "expert" / "previous_different.txt"


def _status(report, rule_id):
    return next(r for r in report["results"] if r["rule_id"] == rule_id)


@pytest.fixture(scope="module")
def checker():
    return Checker(rules=[EXPERT], discover_config=False)


@pytest.fixture(scope="module")
def sample():
    return SAMPLE.read_text("utf-8")


FLAWS = {
    "content.causes_per_problem": ("，由于部分部门重实体、轻程序，导致因程序问题被纠错的案件较多", "，因程序问题被纠错的案件较多"),
    "content.vague_problems": ("一是基层执法规范化水平不高，主要原因是乡镇综合执法队伍组建时间短，执法人员多为转岗人员，法律专业人员占比不足15%。",
                               "一是法治意识有待进一步增强，主要原因是学习不够深入。"),
    "content.shortcomings_weight": ("一是基层执法规范化水平不高，主要原因是乡镇综合执法队伍组建时间短，执法人员多为转岗人员，法律专业人员占比不足15%。二是行政复议纠错率偏高，由于部分部门重实体、轻程序，导致因程序问题被纠错的案件较多。",
                                    "一是执法不规范，原因是培训少。"),
    "first_responsible.catalogue": ("对法治政府建设重要工作亲自部署、重大问题亲自过问。全年主持召开县政府常务会议研究法治政府建设工作6次，组织会前学法12次，听取县司法局工作汇报2次；年终述职将述法作为重要内容，并将法治建设纳入对各部门的绩效考核。",
                                    "高度重视法治政府建设，带头学法。"),
    "plans.answer_problems": ("二是开展行政复议案件程序问题专项整改，力争纠错率下降5个百分点。", "二是深入学习宣传习近平法治思想。"),
    "plans.concrete": ("一是加强乡镇执法队伍建设，年内完成全部乡镇执法人员轮训。二是开展行政复议案件程序问题专项整改，力争纠错率下降5个百分点。三是深化数字法治政府建设，推进行政执法监督平台全覆盖。",
                       "一是持续加强乡镇执法队伍建设。二是不断规范行政复议工作。三是深化数字法治政府建设。"),
    "gangyao.coverage": ("二是修订《示例县突发事件总体应急预案》，组织应急演练14次，依法做好防汛和安全生产工作。", "二是组织干部参加法治培训。"),
    "figures.consistent": ("开展案卷评查2次，评查案卷160卷。", "开展案卷评查2次，共评查案卷160卷，优秀84卷，合格54卷，不合格21卷。"),
    "figures.this_year": ("全年办理行政复议案件58件", "2018年以来累计办理行政复议案件258件"),
    "publication.sensitive_data": ("出具法律意见书130余份。", "出具法律意见书130余份，咨询电话13912345678。"),
    "publication.classified_marks": ("示例县人民政府关于2023年度法治政府建设情况的报告", "示例县人民政府关于2023年度法治政府建设情况的报告（内部资料）"),
    "content.examples": (None, None),
}


@pytest.mark.parametrize("rule_id", sorted(FLAWS))
def test_compliant_sample_passes(checker, rule_id):
    assert _status(checker.check_text(SAMPLE.read_text("utf-8")), rule_id)["status"] == "pass"


def _flawed(sample: str, rule_id: str) -> str:
    if rule_id == "content.examples":
        # Strip every document title, quoted name, case and pilot from the achievements part.
        head, rest = sample.split("二、推进法治政府建设存在的不足和原因")
        for ch in "《》“”":
            head = head.replace(ch, "")
        return head + "二、推进法治政府建设存在的不足和原因" + rest
    old, new = FLAWS[rule_id]
    assert old in sample, rule_id
    return sample.replace(old, new)


@pytest.mark.parametrize("rule_id", sorted(FLAWS))
def test_flawed_variant_fails(checker, sample, rule_id):
    result = _status(checker.check_text(_flawed(sample, rule_id)), rule_id)
    assert result["status"] == "fail", result["message"]
    assert result["findings"]


def _previous(tmp_path, text):
    path = tmp_path / "previous.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_history_with_a_different_previous_report(sample):
    report = Checker(rules=[EXPERT], discover_config=False, previous=str(PREVIOUS)).check_text(sample)
    assert _status(report, "history.repeated_problems")["status"] == "pass"
    assert _status(report, "history.repeated_plans")["status"] == "pass"
    assert _status(report, "history.plans_followed_up")["status"] == "fail"  # 基层政务公开目录 is not reported on
    assert "政务公开目录" not in SAMPLE.read_text("utf-8")


def test_history_with_a_copied_previous_report(tmp_path, sample):
    copied = sample.replace("2023年度", "2022年度").replace("2024年推进", "2023年推进")
    report = Checker(rules=[EXPERT], discover_config=False, previous=_previous(tmp_path, copied)).check_text(sample)
    assert _status(report, "history.repeated_problems")["status"] == "fail"
    assert _status(report, "history.repeated_plans")["status"] == "fail"


def test_history_not_applicable_without_previous(checker, sample):
    assert _status(checker.check_text(sample), "history.repeated_problems")["status"] == "not_applicable"


def test_batch_lists_copied_reports(tmp_path, sample):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(sample, encoding="utf-8")
    (folder / "b.txt").write_text(sample.replace("示例县", "样本县").replace("58件", "61件"), encoding="utf-8")
    (folder / "c.txt").write_text((ROOT / "tests" / "corpus" / "province_compliant.txt").read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(folder), "--format", "json,html", "--output-dir", str(out)])
    import json
    pairs = json.loads((out / "summary.json").read_text("utf-8"))["similar_pairs"]
    assert len(pairs) == 1 and {pairs[0]["a"].rsplit("/", 1)[-1], pairs[0]["b"].rsplit("/", 1)[-1]} == {"a.txt", "b.txt"}
    assert pairs[0]["similarity"] > 0.8 and pairs[0]["shared_passages"]
    assert "疑似雷同的报告" in (out / "index.html").read_text("utf-8")


def test_previous_on_the_command_line(tmp_path, capsys):
    code = main(["check", str(SAMPLE), "--previous", str(PREVIOUS), "--format", "text", "--rules", EXPERT,
                 "--output-dir", str(tmp_path), "--fail-on", "info"])
    assert code == 1 and "history.plans_followed_up" in capsys.readouterr().out
