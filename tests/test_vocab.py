"""Each vocabulary item is spelled once (checker/base/vocab.py); the schemas list the same values."""
import json
from pathlib import Path

from checker.base import vocab

SCHEMA = Path(__file__).resolve().parent.parent / "checker" / "schema"


def test_report_schema_lists_the_vocabulary():
    schema = json.loads((SCHEMA / "report.schema.json").read_text("utf-8"))
    document = schema["properties"]["document"]["properties"]
    assert [v for v in document["issuer_level"]["enum"] if v] == list(vocab.LEVELS)
    assert document["period"]["enum"] == list(vocab.PERIODS)
    result = schema["$defs"]["result"]["properties"]
    assert result["status"]["enum"] == list(vocab.STATUSES)
    assert result["severity"]["enum"] == list(vocab.SEVERITIES)
    assert schema["$defs"]["section"]["properties"]["role"]["enum"] == [*vocab.ROLES, "none"]
    assert schema["properties"]["summary"]["properties"]["verdict"]["enum"] == list(vocab.VERDICTS)


def test_every_value_has_a_chinese_label():
    for values, labels in ((vocab.LEVELS, vocab.LEVEL_ZH), (vocab.ROLES, vocab.ROLE_ZH), (vocab.SEVERITIES, vocab.SEVERITY_ZH),
                           (vocab.STATUSES, vocab.STATUS_ZH), (vocab.VERDICTS, vocab.VERDICT_ZH), (vocab.PERIODS, vocab.PERIOD_ZH)):
        for value in values:
            assert labels[value] or value == "none"
            assert not any("a" <= ch <= "z" for ch in labels[value])


def test_rule_schema_roles_and_severities_match():
    schema = json.loads((SCHEMA / "rule.schema.json").read_text("utf-8"))
    text = json.dumps(schema, ensure_ascii=False)
    for role in vocab.ROLES:
        assert f'"{role}"' in text
    assert schema["$defs"]["rule"]["properties"]["severity"]["enum"] == list(vocab.SEVERITIES)


def test_data_file_schemas_list_the_vocabulary():
    config = json.loads((SCHEMA / "config.schema.json").read_text("utf-8"))
    assert config["properties"]["fail_on"]["enum"] == list(vocab.FAIL_ON)
    assert config["properties"]["severity"]["additionalProperties"]["enum"] == list(vocab.SEVERITIES)
    registry = json.loads((SCHEMA / "registry.schema.json").read_text("utf-8"))
    level = registry["properties"]["issuers"]["items"]["properties"]["level"]
    assert set(vocab.LEVELS) <= set(level["enum"]) and set(vocab.LEVEL_WORDS) <= set(level["enum"])


def test_every_data_file_schema_is_published_and_valid():
    from jsonschema import Draft202012Validator

    for name in ("config", "waivers", "registry", "rule", "spec", "report"):
        schema = json.loads((SCHEMA / f"{name}.schema.json").read_text("utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema.get("title") or name in ("report",), name
