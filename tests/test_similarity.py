"""Copied passages across a batch: reported on both reports, grouped in clusters, official phrases
and true boilerplate excluded, and "3 of 22" is copying, not boilerplate."""
import json
import random
from pathlib import Path

from checker.cli import main
from checker.run.similarity import Corpus, clusters, common_holders, copied_by_report

from conftest import ROOT

PASSAGE = ("县司法局牵头建立行政执法监督联席会议制度，每季度召开一次会议，通报各执法部门案卷评查结果，"
           "对发现的程序瑕疵逐案列出整改清单，由分管副县长督办，整改结果在县政府门户网站公开，"
           "全年共通报问题案卷四十七卷，整改完成率达到百分之百，群众满意度明显提升。")
OFFICIAL = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，" * 3


def _report(seed: int, extra: str = "") -> str:
    rng = random.Random(seed)
    words = "执法复议诉讼审查普法调解决策公开清单培训队伍监督考核平台乡镇街道部门文件案件制度机制程序"
    body = "".join(rng.choice(words) for _ in range(900))
    return f"某县{seed}2023年度法治政府建设情况报告\n2023年，{OFFICIAL}推进法治政府建设。\n一、主要举措和成效\n{body}{extra}\n"


def test_three_of_twenty_two_sharing_a_passage_is_copying():
    corpus = Corpus()
    for seed in range(22):
        corpus.add(f"r{seed:02d}", _report(seed, PASSAGE if seed in (3, 9, 17) else ""))
    pairs = corpus.pairs(min_copied=100)
    copied = copied_by_report(pairs, 100)
    assert set(copied) == {"r03", "r09", "r17"}
    assert all(item["chars"] >= 100 for items in copied.values() for item in items)
    (group,) = clusters(pairs, 100)
    assert group["members"] == ["r03", "r09", "r17"] and group["size"] == 3 and "联席会议" in group["passage"]
    assert common_holders(22) == 22  # a batch this small says nothing about boilerplate


def test_official_phrases_every_report_quotes_are_not_copying():
    corpus = Corpus()
    for seed in range(6):
        corpus.add(f"r{seed}", _report(seed))
    assert copied_by_report(corpus.pairs(min_copied=100), 100) == {}


def test_a_large_share_of_a_large_batch_is_boilerplate():
    assert common_holders(100) == 25 and common_holders(10_000) == 50


def test_batch_reports_the_copied_passage_on_both_reports(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("county_compliant.txt", "city_flawed.txt", "department_compliant.txt"):
        (folder / name).write_text((ROOT / "tests" / "corpus" / name).read_text("utf-8"), encoding="utf-8")
    source = (folder / "county_compliant.txt").read_text("utf-8")
    target = (folder / "department_compliant.txt").read_text("utf-8")
    cut = target.index("二、")
    (folder / "department_compliant.txt").write_text(target[:cut] + PASSAGE + "\n" + target[cut:], encoding="utf-8")
    (folder / "county_compliant.txt").write_text(source.replace("二、", PASSAGE + "\n二、", 1), encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(folder), "--format", "text,json,html", "--output-dir", str(out), "--no-config"])
    printed = capsys.readouterr().out
    assert "batch.copied_passages" in printed
    for name in ("county_compliant", "department_compliant"):
        report = json.loads((out / f"{name}.json").read_text("utf-8"))
        result = next(r for r in report["results"] if r["rule_id"] == "batch.copied_passages")
        assert result["status"] == "fail" and "联席会议" in result["findings"][0]["excerpt"] + result["findings"][0]["message"]
        assert report["summary"]["by_severity"]["warning"] >= 1
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["copy_clusters"][0]["size"] == 2
    assert "联席会议" in (out / "index.html").read_text("utf-8")


def test_the_corpus_keeps_texts_in_its_spill_file_not_in_memory():
    texts = {f"r{i}.txt": f"第{i}份报告。" + "全县共办理行政复议案件三十五件，纠错八件。" * (i + 1) for i in range(3)}
    corpus = Corpus()
    for name, text in texts.items():
        corpus.add(name, text)
    assert all(not hasattr(entry, "packed") for entry in corpus.entries)
    assert corpus.spill.size == sum(entry.length for entry in corpus.entries)
    assert {name: corpus.text_of(name) for name in texts} == texts


def _copying_round(folder):
    """Three reports, two of them (different issuers) sharing a long passage."""
    folder.mkdir()
    for name in ("county_compliant.txt", "city_flawed.txt", "department_compliant.txt"):
        text = (ROOT / "tests" / "corpus" / name).read_text("utf-8")
        if name != "city_flawed.txt":
            text = text.replace("二、", PASSAGE + "\n二、", 1)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_summary_verdicts_do_not_depend_on_the_formats_asked_for(tmp_path):
    folder = _copying_round(tmp_path / "in")
    verdicts, codes = {}, {}
    for formats in ("json", "text", "html", "text,json,html,xlsx,memo"):
        out = tmp_path / formats.replace(",", "-")
        codes[formats] = main(["check", str(folder), "--format", formats, "--output-dir", str(out), "--no-config",
                               "--fail-on", "warning"])
        rows = json.loads((out / "summary.json").read_text("utf-8"))["reports"]
        verdicts[formats] = [(r["path"], r["verdict"], r["warnings"], r["rules"].get("batch.copied_passages"),
                              r["copied"]) for r in rows]
    assert len({json.dumps(v) for v in verdicts.values()}) == 1, verdicts
    assert len(set(codes.values())) == 1
    statuses = {Path(path).name: status for path, _, _, status, _ in verdicts["json"]}
    assert statuses == {"city_flawed.txt": "pass", "county_compliant.txt": "fail", "department_compliant.txt": "fail"}


def test_the_batch_rule_can_be_disabled(tmp_path, capsys):
    folder = _copying_round(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["check", str(folder), "--format", "json", "--output-dir", str(out), "--no-config",
                 "--disable", "batch.copied_passages"]) in (0, 1)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert all("batch.copied_passages" not in r["rules"] for r in summary["reports"])
    assert summary["copy_clusters"] == []
    report = json.loads((out / "county_compliant.json").read_text("utf-8"))
    assert all(r["rule_id"] != "batch.copied_passages" for r in report["results"])


def test_the_same_issuer_in_another_year_and_page_furniture_are_not_copying(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    furniture = ("当前位置：首页 > 政府信息公开 > 法定主动公开内容 > 法治政府建设年度报告 > 年度报告专栏\n"
                 "索引号：11330000MB0000001X/2024-00012 主题分类：政务公开、法治政府建设、年度工作报告\n"
                 "发布机构：{who}人民政府办公室 成文日期：2024-03-20 发文字号：无 有效性：有效 公开方式：主动公开\n"
                 "信息来源：{who}人民政府办公室政务公开科 公开范围：面向全社会 公开时限：自形成之日起二十个工作日内\n")
    county = (ROOT / "tests" / "corpus" / "county_compliant.txt").read_text("utf-8")
    last_year = county.replace("2022", "2021").replace("2023", "2022")
    (folder / "this_year.txt").write_text(county, encoding="utf-8")
    (folder / "last_year.txt").write_text(last_year, encoding="utf-8")
    for who, name in (("丙河县", "c.txt"), ("丁岭县", "d.txt")):
        body = (ROOT / "tests" / "corpus" / ("department_compliant.txt" if who == "丙河县" else "township_compliant.txt"))
        (folder / name).write_text(furniture.format(who=who) + body.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(folder), "--format", "json", "--output-dir", str(out), "--no-config"])
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert {r["rules"].get("batch.copied_passages") for r in summary["reports"]} == {"pass"}
    assert summary["copy_clusters"] == []
    # The issuer's two years are similar (listed as such), the two pages with one furniture are not.
    assert [(Path(p["a"]).name, Path(p["b"]).name, p.get("same_issuer")) for p in summary["similar_pairs"]] == [
        ("last_year.txt", "this_year.txt", True)]


def test_a_shared_passage_starts_and_ends_where_the_texts_agree():
    from checker.checks.copied_passages import Analysed, shared_passages

    first = Analysed("甲山县人民政府报告\n一、主要举措\n甲山县今年重点抓了三件事。" + PASSAGE + "甲山县另有做法。")
    second = Analysed("乙水县人民政府报告\n一、主要举措\n乙水县以执法为抓手推进工作。" + PASSAGE + "乙水县的不同做法。")
    (passage,) = shared_passages(first, second, min_chars=100)
    assert passage == PASSAGE[:-1]  # not one character late, no unshared sentence before it (the last 。 is punctuation)
    # A name put in for another's inside the passage leaves it one passage.
    third = Analysed("丙县报告。" + PASSAGE.replace("县司法局", "区司法局").replace("县政府", "区政府") + "完")
    assert shared_passages(first, third, min_chars=100)[0].endswith("群众满意度明显提升")


OTHER_PASSAGE = ("镇政府与驻镇法庭共建诉调对接工作站，由专职调解员每周三坐班，对婚姻家庭、邻里纠纷和小额欠款先行调解，"
                 "调解不成的当场引导立案，全年受理纠纷二百一十三件，调解成功一百八十六件，当事人自动履行率较上年明显提高。")
LOCAL_PACK = """pack: {name: local-test, version: '1'}
rules:
  - id: local.copied_passages
    title: 与同批其他报告没有大段相同的文字（不含政府部门）
    severity: warning
    spec: [practice.mingtian.structure]
    scope: batch
    applies: {levels: [county, city, township]}
    check: {type: copied_passages, min_chars: 100}
    message: 与同批 {count} 份报告（{others}）有大段相同的文字
    message_pass: 与同批其他报告没有大段相同的文字
    hint: 成段照抄其他报告的内容应当改写为本地的做法、数据和问题。
    examples:
      fail:
        - text: "甲山县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{p}"
          batch: ["乙水县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{p}"]
      pass:
        - name: 只与政府部门的报告相同
          text: "甲山县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{p}"
          batch: ["丙河县司法局关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{p}"]
        - name: 政府部门的报告
          text: "丙河县司法局关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{p}"
          meta: {issuer_level: department}
          batch: ["甲山县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{p}"]
"""


def test_a_batch_rule_honours_applies_in_the_round(tmp_path):
    """A batch rule whose ``applies`` leaves out departments: the department's report is neither
    flagged nor compared (the county that shares a passage only with it passes), while the city and
    the township that share another passage, both in the rule's scope, are flagged (the near miss)."""
    folder = tmp_path / "in"
    folder.mkdir()
    extra = {"county_compliant.txt": PASSAGE, "department_compliant.txt": PASSAGE,
             "city_flawed.txt": OTHER_PASSAGE, "township_compliant.txt": OTHER_PASSAGE}
    for name, passage in extra.items():
        text = (ROOT / "tests" / "corpus" / name).read_text("utf-8")
        (folder / name).write_text(text.replace("二、", passage + "\n二、", 1), encoding="utf-8")
    pack = tmp_path / "local.yaml"
    pack.write_text(LOCAL_PACK.replace("{p}", PASSAGE), encoding="utf-8")
    assert main(["rules", "test", str(pack)]) == 0   # the examples read ``applies`` as the round does
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        main(["check", str(folder), "--rules", str(pack), "--format", "json", "--output-dir", str(out), "--no-config",
              "--no-store", "--no-server", "--jobs", jobs])
        rows = json.loads((out / "summary.json").read_text("utf-8"))["reports"]
        levels = {Path(r["path"]).name: r["issuer_level"] for r in rows}
        assert levels["department_compliant.txt"] == "department" and levels["county_compliant.txt"] == "county"
        statuses = {Path(r["path"]).name: r["rules"]["local.copied_passages"] for r in rows}
        assert statuses == {"county_compliant.txt": "pass", "department_compliant.txt": "not_applicable",
                            "city_flawed.txt": "fail", "township_compliant.txt": "fail"}
        department = json.loads((out / "department_compliant.json").read_text("utf-8"))
        result = next(r for r in department["results"] if r["rule_id"] == "local.copied_passages")
        assert "政府部门" in result["message"] and not result["findings"]
        city = json.loads((out / "city_flawed.json").read_text("utf-8"))
        result = next(r for r in city["results"] if r["rule_id"] == "local.copied_passages")
        assert "1 份" in result["message"] and "department" not in result["message"]

# --- the round's description of candidate pairs: the same pairs as the straightforward way -------------

def _walk_forward(a_text, b_text, blocked, z, y):
    while z < len(a_text) and y < len(b_text) and a_text[z] == b_text[y] and not blocked[z]:
        z, y = z + 1, y + 1
    return z, y


def _walk_backward(a_text, b_text, blocked, a, b):
    while a > 0 and b > 0 and a_text[a - 1] == b_text[b - 1] and not blocked[a - 1]:
        a, b = a - 1, b - 1
    return a, b


def test_growing_by_strides_stops_where_a_character_walk_stops():
    from checker.checks.copied_passages import _agree_backward, _agree_forward

    rng = random.Random(3)
    for _ in range(2000):
        common = "".join(rng.choice("甲乙丙") for _ in range(rng.randrange(0, 80)))
        a_text = "".join(rng.choice("甲乙") for _ in range(rng.randrange(0, 20))) + common + "丁" * rng.randrange(2)
        b_text = "".join(rng.choice("甲丙") for _ in range(rng.randrange(0, 20))) + common + "戊" * rng.randrange(2)
        blocked = bytearray(rng.random() < 0.02 for _ in a_text)
        z, y = rng.randrange(len(a_text) + 1), rng.randrange(len(b_text) + 1)
        assert _agree_forward(a_text, b_text, blocked, z, y) == _walk_forward(a_text, b_text, blocked, z, y)
        assert _agree_backward(a_text, b_text, blocked, z, y) == _walk_backward(a_text, b_text, blocked, z, y)


def test_an_analysis_read_back_from_bytes_is_the_analysis():
    from checker.checks.copied_passages import Analysed
    from checker.document.fingerprints import bare_text, prints_of_bare

    text = _report(5, "，" + PASSAGE + "  第 12 项（ABC-3）。")
    made = Analysed(text)
    again = Analysed.load(made.dump(), lambda: text)
    bare, offsets = bare_text(text)
    for analysed in (made, again):
        assert analysed.bare == bare and analysed.text == text
        assert [analysed.offset(i) for i in range(len(bare))] == offsets
        assert analysed.first_positions() == prints_of_bare(bare)
        assert list(analysed.positions) == sorted(analysed.positions)


def _straightforward_pairs(corpus, threshold, min_copied, max_pairs=200, min_passage=30):
    """Candidates described in the order of their scores, both reports analysed afresh for each pair,
    stretches grown character by character."""
    from checker.checks import copied_passages
    from checker.checks.copied_passages import Analysed, official_phrases
    from checker.run import similarity

    found, common = corpus._candidates(threshold, similarity.common_holders(len(corpus.entries)), official_phrases(),
                                       similarity.CANDIDATES_PER_PAIR * max_pairs)
    found.sort(key=lambda item: (-item[0], corpus.entries[item[1]].name, corpus.entries[item[2]].name))
    described = []
    saved = copied_passages._agree_forward, copied_passages._agree_backward
    copied_passages._agree_forward, copied_passages._agree_backward = _walk_forward, _walk_backward
    try:
        for score, a, b in found:
            pair = corpus._describe(a, b, score, common, min_passage, lambda index: Analysed(corpus.text(index)))
            if score >= threshold or (min_copied is not None and pair["longest_passage"] >= min_copied):
                described.append(pair)
            if len(described) >= max_pairs:
                break
    finally:
        copied_passages._agree_forward, copied_passages._agree_backward = saved
    return described


def test_pairs_are_the_ones_the_straightforward_description_gives(monkeypatch):
    """Analyses kept, spilled and read back, pairs described a chunk at a time in report order and
    stretches grown by strides list the same pairs, in the same order, with the same passages."""
    from checker.run import similarity

    corpus = Corpus()
    for seed in range(40):
        # six reports share the passage; six others share pieces of another text (a few dozen characters)
        extra = PASSAGE if seed % 7 == 0 else PASSAGE[::-1][seed:seed + 60] if seed % 5 == 0 else ""
        corpus.add(f"r{seed:02d}", _report(seed, extra))
    listed = {}
    for threshold in (0.3, 0.5):   # at 0.5 a pair is listed only for its passage of 100 characters
        for max_pairs in (3, 200):
            for min_copied in (None, 100):
                reference = _straightforward_pairs(corpus, threshold, min_copied, max_pairs)
                assert corpus.pairs(threshold, min_copied, max_pairs) == reference
                with monkeypatch.context() as m:   # nearly every analysis spilled; chunks of three pairs
                    m.setattr(similarity._Analyses, "KEEP", 1)
                    m.setattr(similarity, "DESCRIBE_CHUNK", 3)
                    assert corpus.pairs(threshold, min_copied, max_pairs) == reference
                listed[threshold, max_pairs, min_copied] = reference
    assert len(listed[0.3, 200, None]) == 15 and len(listed[0.3, 3, 100]) == 3
    assert listed[0.5, 200, None] == [] and len(listed[0.5, 200, 100]) == 15


def test_every_level_profile_compares_with_the_default_profile_s_batch_rules():
    """The round compares its reports once, under the batch rules of the default profile
    (checker/run/round.py), and judges each report under its own profile: that is only right while no
    level profile enables, disables or re-parameterises a batch rule.  A profile that does must make
    the round compare per profile first."""
    from checker.base.vocab import LEVELS
    from checker.engine.evaluate import batch_rules
    from checker.run.pipeline import Checker

    judge = Checker(discover_config=False)

    def compared(level):
        return [(rule.id, rule.params, rule.applies) for rule in batch_rules(*judge.settings(judge.profile_for(level)))]

    default = compared(None)
    assert default and all(compared(level) == default for level in LEVELS)
