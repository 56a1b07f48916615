"""The auditor's verdicts on the five real reports (../shared/acceptance/seeds.yaml), when present."""
import yaml

from checker.ingest import load
from checker.pipeline import check_source

from conftest import SHARED, needs_corpus


@needs_corpus
def test_core_verdicts_agree_with_the_auditor():
    seeds = yaml.safe_load((SHARED / "acceptance" / "seeds.yaml").read_text("utf-8"))
    disagreements = []
    for name, entry in seeds.items():
        report = check_source(load(SHARED / "corpus" / name))
        got = {r["rule_id"]: r["status"] for r in report["results"]}
        for rule, want in entry["rules"].items():
            wants = want if isinstance(want, list) else [want]
            if want != "any" and got.get(rule) not in wants:
                disagreements.append(f"{name} {rule}: want {wants}, got {got.get(rule)}")
    assert not disagreements, "\n".join(disagreements)
