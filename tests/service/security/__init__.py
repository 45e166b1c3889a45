import pytest

# helpers.py's asserts (assert_error) get pytest's explanations, as they did when they lived in the
# test module.
pytest.register_assert_rewrite("tests.service.security.helpers")
