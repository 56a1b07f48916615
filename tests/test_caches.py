"""What fzcheck keeps in the user's cache folder (compiled patterns, parsed rule files, the division
index, jieba's prefix dictionary, validated rule sets) gives exactly what computing it afresh gives,
and a damaged, foreign or missing cache only costs time."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from checker.base import datacache
from checker.patterns import rx
from checker.checks import patterns_of
from checker.engine.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FZCHECK_CACHE", str(tmp_path))
    monkeypatch.setattr(rx, "_entries", None)
    monkeypatch.setattr(rx, "_compiled", {})
    return tmp_path


def _bundled_patterns() -> list[str]:
    out = []
    for rule in load_ruleset().rules:
        params = {k: v for k, v in rule.raw_check.items() if k != "type"}
        out.extend(pattern for _, pattern in patterns_of(rule.check_type, params))
    return sorted(set(out))


def test_a_pattern_from_the_cache_matches_like_a_freshly_compiled_one(cache, sample_text):
    patterns = _bundled_patterns() + [r"(?P<y>(?:19|20)\d{2})\s*年(?!代)", r"(?i)abc(?=d)", r"(\p{Han}+)\1"]
    for pattern in patterns:
        rx.compile(pattern)
    rx._save()
    assert any(cache.glob("regex-*.bin"))
    rx._entries, rx._compiled = None, {}
    texts = [sample_text, sample_text.replace("2023", "二〇二三"), "ABCd 二〇二三年 法治法治"]
    for pattern in patterns:
        cached, fresh = rx.compile(pattern), regex.compile(pattern, cache_pattern=False)
        assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == \
            (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex), pattern
        for text in texts:
            assert [m.span() + m.groups() for m in cached.finditer(text)] == \
                [m.span() + m.groups() for m in fresh.finditer(text)], pattern
    assert rx._entries and len(rx._entries) >= len(patterns)


def test_the_cached_program_is_what_the_engine_runs(cache):
    """A cache hit never parses: with the parser disabled the pattern still compiles."""
    rx.compile(r"第[一二三四五六七八九十]+条")
    rx._save()
    rx._entries, rx._compiled = None, {}
    original = regex._main._parse_pattern
    regex._main._parse_pattern = None
    try:
        assert rx.compile(r"第[一二三四五六七八九十]+条").search("依照第十二条规定").group() == "第十二条"
    finally:
        regex._main._parse_pattern = original


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_a_damaged_cache_file_is_ignored(cache, damage):
    rx.compile(r"[甲乙丙]+")
    rx._save()
    path = next(cache.glob("regex-*.bin"))
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-5] ^= 0xFF
    elif damage == "truncate":
        data = data[:len(data) // 2]
    else:
        data = bytearray(os.urandom(len(data)))
    path.write_bytes(bytes(data))
    rx._entries, rx._compiled = None, {}
    assert rx.compile(r"[甲乙丙]+").findall("甲乙丁丙") == ["甲乙", "丙"]


def test_no_cache_folder_means_compiling_as_usual(monkeypatch, tmp_path):
    monkeypatch.setenv("FZCHECK_CACHE", "")
    monkeypatch.setattr(rx, "_entries", None)
    monkeypatch.setattr(rx, "_compiled", {})
    assert rx.compile(r"\d+年").search("2023年").group() == "2023年"
    rx._save()
    assert datacache.load("anything", b"key") is None


def test_module_helpers_mirror_regex():
    text = "一、总体情况；二、存在问题。三、下一步"
    assert rx.split(r"[；。]", text) == regex.split(r"[；。]", text)
    assert rx.sub(r"[一二三]、", "", text) == regex.sub(r"[一二三]、", "", text)
    assert rx.findall(r"\p{Han}{2}", text) == regex.findall(r"\p{Han}{2}", text)
    assert rx.fullmatch(r"\d{4}", "2024") and not rx.match(r"\d", "x")


def test_datacache_round_trip_seal_and_pruning(cache):
    value = {"rows": [("110000", "北京市", None)], "n": 3, "t": (1.5, True)}
    datacache.store("demo", b"source", value)
    assert datacache.load("demo", b"source") == value
    assert datacache.load("demo", b"other source") is None
    path = next(cache.glob("demo-*.bin"))
    path.write_bytes(path.read_bytes()[:-1] + b"\x00")
    assert datacache.load("demo", b"source") is None
    for index in range(datacache.KEEP + 5):
        datacache.store("demo", f"v{index}".encode(), index)
    assert len(list(cache.glob("demo-*.bin"))) == datacache.KEEP
    assert datacache.load("demo", f"v{datacache.KEEP + 4}".encode()) == datacache.KEEP + 4


def test_a_rule_set_read_from_the_cache_is_the_rule_set_parsed(cache):
    first = load_ruleset()      # validates and notes the set
    second = load_ruleset()     # trusted: parses the files and keeps their content
    third = load_ruleset()      # trusted: content and rule lines from the cache
    assert any(cache.glob("rules-*.bin")) and any(cache.glob("validated-*.bin"))
    for a, b in ((first, second), (first, third)):
        assert a.digest == b.digest
        assert [(r.id, r.line, r.file, r.params.keys(), r.raw_check, r.scope, r.examples) for r in a.rules] == \
            [(r.id, r.line, r.file, r.params.keys(), r.raw_check, r.scope, r.examples) for r in b.rules]


def test_a_changed_rule_file_is_validated_again(cache, tmp_path):
    rules = tmp_path / "pack.yaml"
    bundled = (ROOT / "rules" / "core.yaml").read_text("utf-8")
    rules.write_text(bundled, "utf-8")
    load_ruleset([rules])
    load_ruleset([rules])
    rules.write_text(bundled.replace("severity: error", "severity: fatal", 1), "utf-8")
    with pytest.raises(Exception) as error:
        load_ruleset([rules])
    assert "must be one of: error, warning, info" in str(error.value)  # the value itself is never quoted


def test_the_division_index_from_the_cache_is_the_index_computed(cache):
    from checker.document import gazetteer

    gazetteer._tables.cache_clear()
    computed = gazetteer._tables()
    gazetteer._tables.cache_clear()
    gazetteer.lookup.cache_clear()
    assert any(cache.glob("divisions-*.bin"))
    cached = gazetteer._tables()
    assert cached == computed
    assert gazetteer.best("金平", {"红河州"}).name == "金平苗族瑶族傣族自治县"


def test_jieba_loads_without_pkg_resources_and_segments_as_before(tmp_path):
    """In a fresh process: the tokenizer never imports pkg_resources, and the prefix dictionary read
    back from the cache segments exactly as the one jieba builds."""
    script = (
        "import sys\n"
        "from checker.patterns import tokens\n"
        "words = tokens.tokenizer().lcut('推进严格规范公正文明执法，行政复议应诉能力不断提升', HMM=False)\n"
        "print('pkg_resources' in sys.modules, '/'.join(words))\n")
    env = {**os.environ, "FZCHECK_CACHE": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0].startswith("False ")
    reference = subprocess.run([sys.executable, "-c", (
        "import jieba, logging\n"
        "from importlib import resources\n"
        "jieba.setLogLevel(logging.WARNING)\n"
        "from checker.patterns import tokens\n"
        "t = jieba.Tokenizer(dictionary=str(resources.files('checker.patterns').joinpath('data/jieba_dict.txt')))\n"
        "t.tmp_dir = None\n"
        "for term in tokens._word_list('domain_terms.txt'):\n"
        "    t.add_word(term, freq=200000)\n"
        "print('/'.join(t.lcut('推进严格规范公正文明执法，行政复议应诉能力不断提升', HMM=False)))\n")],
        env=env, capture_output=True, text=True, check=True).stdout
    assert runs[0].split(" ", 1)[1] == reference


def test_every_module_imports_with_an_empty_cache(tmp_path):
    """A first start (nothing cached) and a second (everything cached) check the sample alike."""
    env = {**os.environ, "FZCHECK_CACHE": str(tmp_path / "cache")}
    script = ("import json, sys\nfrom checker.run.pipeline import Checker\n"
              "print(json.dumps(Checker(discover_config=False).check_path(sys.argv[1]), sort_keys=True))")
    first, second = (subprocess.run([sys.executable, "-c", script, str(SAMPLE)], env=env, capture_output=True,
                                    text=True, check=True).stdout for _ in range(2))
    assert first == second and '"rule_id"' in first
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()} >= {"regex", "divisions", "rules", "validated"}


def test_the_pattern_file_keeps_what_was_used_and_stays_bounded(cache, monkeypatch):
    monkeypatch.setattr(rx, "_MAX_ENTRIES", 5)
    monkeypatch.setattr(rx, "_used", {})
    for index in range(8):
        rx.compile(f"旧{index}")
    rx._save()
    monkeypatch.setattr(rx, "_entries", None)
    monkeypatch.setattr(rx, "_compiled", {})
    monkeypatch.setattr(rx, "_used", {})
    rx.compile("新的")
    rx.compile("旧0")
    rx._save()
    kept = [key[0] for key in datacache.load("regex", rx.KEY)]
    assert kept[:2] == ["新的", "旧0"] and len(kept) == 5


def test_bundled_yaml_from_the_cache_is_the_parsed_content(cache):
    from checker.base.yamlsafe import load_bundled, parse_yaml

    data = (ROOT / "specs" / "dcgd-2019.yaml").read_bytes()
    parsed = parse_yaml(data.decode("utf-8"))[1]
    assert load_bundled("spec-test", data) == parsed     # parsed and kept
    assert any(cache.glob("yaml-spec-test-*.bin"))
    assert load_bundled("spec-test", data) == parsed     # read back


def test_a_warm_check_with_the_bundled_rules_does_not_import_yaml(tmp_path):
    env = {**os.environ, "FZCHECK_CACHE": str(tmp_path / "cache")}
    script = ("import sys\nfrom checker.run.pipeline import Checker\n"
              "Checker(discover_config=False).check_path(sys.argv[1])\nprint('yaml' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", script, str(SAMPLE)], env=env, capture_output=True, text=True,
                           check=True).stdout.strip() for _ in range(3)]
    assert runs == ["True", "False", "False"]


def test_what_the_package_ships_is_read_first_and_never_written_to_the_cache_folder(cache, monkeypatch):
    """checker/base/shipped.py: the wheel's table of programs and parsed files; the cache folder then
    holds only what is not shipped (a user's own patterns)."""
    import marshal

    from checker.base import shipped

    pattern = r"第[一二三四五六七八九十]+条"
    key = (pattern, 0, int(regex.DEFAULT_VERSION))
    own = rx._compile_recording(pattern, 0)[1]
    monkeypatch.setattr(shipped, "_table", {shipped.name("regex", rx.KEY): marshal.dumps({key: own}),
                                            shipped.name("rules", b"file bytes"): marshal.dumps(({"rules": []}, []))})
    monkeypatch.setattr(rx, "_shipped", None)
    monkeypatch.setattr(rx, "_used", {})
    monkeypatch.setattr(rx, "_dirty", False)
    original = regex._main._parse_pattern
    regex._main._parse_pattern = None  # a shipped program is handed to the C engine, never parsed
    try:
        assert rx.compile(pattern).search("依照第十二条").group() == "第十二条"
    finally:
        regex._main._parse_pattern = original
    assert datacache.load("rules", b"file bytes") == ({"rules": []}, [])
    datacache.load("rules", b"file bytes")[0]["rules"].append("changed by a caller")
    assert datacache.load("rules", b"file bytes") == ({"rules": []}, [])  # each caller gets its own copy
    datacache.store("rules", b"file bytes", ({"rules": []}, []))
    rx.compile(r"用户自己的(模式)")
    rx._save()
    kept = datacache.load("regex", rx.KEY, use_shipped=False)
    assert list(cache.glob("rules-*.bin")) == [] and [k[0] for k in kept] == [r"用户自己的(模式)"]
