package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OtpRateLimiterTests {

    @Test
    void anAddressBeyondItsHourlyLimitIsRefusedWhileOthersAreNot() {
        OtpRateLimiter limiter = new OtpRateLimiter(3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7")).isTrue();
        }

        assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();
        assertThat(limiter.tryAcquire("203.0.113.8")).isTrue();
    }
}
