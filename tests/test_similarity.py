"""Copied passages across a batch: reported on both reports, grouped in clusters, official phrases
and true boilerplate excluded, and "3 of 22" is copying, not boilerplate."""
import json
import random

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
    pairs = corpus.pairs()
    copied = copied_by_report(pairs)
    assert set(copied) == {"r03", "r09", "r17"}
    assert all(item["chars"] >= 100 for items in copied.values() for item in items)
    (group,) = clusters(pairs)
    assert group["members"] == ["r03", "r09", "r17"] and group["size"] == 3 and "联席会议" in group["passage"]
    assert common_holders(22) == 22  # a batch this small says nothing about boilerplate


def test_official_phrases_every_report_quotes_are_not_copying():
    corpus = Corpus()
    for seed in range(6):
        corpus.add(f"r{seed}", _report(seed))
    assert copied_by_report(corpus.pairs()) == {}


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
    main(["check", str(folder), "--format", "json,html", "--output-dir", str(out), "--no-config"])
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
