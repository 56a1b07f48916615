"""A new check type comes with its own unit tests: tests/checks/test_<type>.py."""
from pathlib import Path

from checker.checks import REGISTRY


def test_each_registered_check_type_has_a_test_file():
    here = Path(__file__).parent
    missing = [name for name in REGISTRY if not (here / f"test_{name}.py").is_file()]
    assert not missing, f"no tests/checks/test_<type>.py for {missing}"
