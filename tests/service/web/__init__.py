import pytest

# The harness's asserts (Tab.assert_clean) get pytest's explanations even though it is imported
# by the test module before pytest loads it as a plugin.
pytest.register_assert_rewrite("tests.service.web.harness")
