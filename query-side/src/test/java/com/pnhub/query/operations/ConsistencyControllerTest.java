package com.pnhub.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsistencyControllerTest {

    /** A wait outside 0..60 s is refused before the check runs (none is given here: it would fail if it were asked). */
    @Test
    void aWaitOutsideZeroToSixtySecondsIsABadRequest() {
        ConsistencyController controller = new ConsistencyController(null);

        assertThat(controller.check(-1).getStatusCode().value()).isEqualTo(400);
        assertThat(controller.check(61).getStatusCode().value()).isEqualTo(400);
    }
}
