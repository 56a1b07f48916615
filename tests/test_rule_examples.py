"""Every rule's examples, one test each (SQLFluff style): a failing example names its rule."""
import pytest

from checker.engine.examples import cases, run_case
from checker.engine.ruleset import load_ruleset

RULESET = load_ruleset()
CASES = cases(RULESET)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_example(case):
    ok, why = run_case(case)
    assert ok, f"{case.id} {case.name}: {why}"


def test_every_rule_has_pass_and_fail_examples():
    for rule in RULESET.rules:
        assert rule.examples.get("pass"), f"{rule.id} has no pass example"
        assert rule.examples.get("fail"), f"{rule.id} has no fail example"
