"""Token buckets (units, on a fake clock): a burst, then a refill at the rate; zero means no limit."""

from __future__ import annotations

import pytest

from service.security.ratelimit import TokenBuckets, retry_after_header


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_allows_a_burst_then_refills_at_the_rate() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(rate_per_minute=60, burst=3, clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(1.0)  # one token a second
    assert buckets.take("b") == 0.0, "buckets are independent"
    clock.now += 0.5
    assert buckets.take("a") == pytest.approx(0.5)
    clock.now += 0.5
    assert buckets.take("a") == 0.0
    assert retry_after_header(0.2) == "1" and retry_after_header(1.01) == "2"


def test_a_zero_rate_means_no_limit() -> None:
    buckets = TokenBuckets(rate_per_minute=0, burst=1)
    assert all(buckets.take("a") == 0.0 for _ in range(100))
