package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.educonsult.crm.platform.web.ApiException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class CallSyncTurnsTest {

    @Test
    void aBatchThatGetsNoTurnInTimeIsAnsweredBusyWithoutTouchingTheDatabase() {
        CallSync noTurns = new CallSync(null, null, null, null, null, null,
                new CallSyncSettings(0, Duration.ofMillis(20)), null);

        ApiException busy = catchThrowableOfType(ApiException.class, () -> noTurns.sync(null, List.of()));

        assertThat(busy.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
}
