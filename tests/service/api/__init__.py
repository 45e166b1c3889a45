import pytest

# contract.py's asserts (check_contract, ask) get pytest's explanations, as they did when they lived
# in a test module; other test modules import it too.
pytest.register_assert_rewrite("tests.service.api.contract")
