import pytest

# helpers.py's asserts (only_error) get pytest's explanations, as they did when they lived in the
# test module.
pytest.register_assert_rewrite("tests.embeddings.loaders.helpers")
