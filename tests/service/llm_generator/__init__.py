import pytest

# helpers.py's asserts (ask) get pytest's explanations, as they did when they lived in the test module.
pytest.register_assert_rewrite("tests.service.llm_generator.helpers")
