package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The legacy door on its own: who is admitted, through which proxy, and how much one caller may send. */
class LegacyDoorFilterTest {

    private static final String PATH = "/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController/QueryAgentNumbers";

    @Test
    void canAdmitAnAllowedAddressAndRangeButNoOther() throws Exception {
        LegacyDoorFilter door = door(List.of("10.1.2.3", "192.168.0.0/16", "2001:db8::/32"), List.of(), null, 100, 10);
        assertThat(admitted(door, request("10.1.2.3"))).isTrue();
        assertThat(admitted(door, request("192.168.77.1"))).isTrue();
        assertThat(admitted(door, request("2001:db8:0:0:0:0:0:1"))).isTrue();
        assertThat(admitted(door, request("10.1.2.4"))).isFalse();
        assertThat(admitted(door, request("172.16.0.1"))).isFalse();
    }

    @Test
    void cannotGetInByForgingAForwardedAddressUnlessTheProxyIsTrusted() throws Exception {
        LegacyDoorFilter untrusting = door(List.of("10.1.2.3"), List.of(), null, 100, 10);
        MockHttpServletRequest forged = request("172.16.0.9");
        forged.addHeader("X-Forwarded-For", "10.1.2.3");
        assertThat(admitted(untrusting, forged)).isFalse();

        LegacyDoorFilter behindProxy = door(List.of("10.1.2.3"), List.of("172.16.0.9"), null, 100, 10);
        MockHttpServletRequest viaProxy = request("172.16.0.9");
        viaProxy.addHeader("X-Forwarded-For", "10.1.2.3");
        assertThat(admitted(behindProxy, viaProxy)).isTrue();
        // the left-most entry is the client's own claim; the proxy appended the real peer
        MockHttpServletRequest spoofedThroughProxy = request("172.16.0.9");
        spoofedThroughProxy.addHeader("X-Forwarded-For", "10.1.2.3, 203.0.113.5");
        assertThat(admitted(behindProxy, spoofedThroughProxy)).isFalse();
    }

    @Test
    void canAdmitTheSharedSecretFromAnywhereAndRefusesAWrongOneEverywhere() throws Exception {
        LegacyDoorFilter door = door(List.of("10.1.2.3"), List.of(), "s3cret", 100, 10);
        MockHttpServletRequest right = request("203.0.113.5");
        right.addHeader(LegacyDoorFilter.SECRET_HEADER, "s3cret");
        assertThat(admitted(door, right)).isTrue();
        MockHttpServletRequest wrong = request("10.1.2.3");
        wrong.addHeader(LegacyDoorFilter.SECRET_HEADER, "guess");
        assertThat(admitted(door, wrong)).isFalse();
    }

    @Test
    void cannotSendMoreThanItsRateInASecond() throws Exception {
        LegacyDoorFilter door = door(List.of("10.1.2.3", "10.1.2.4"), List.of(), null, 3, 10);
        int admitted = 0;
        for (int i = 0; i < 5; i++) {
            admitted += admitted(door, request("10.1.2.3")) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(3);
        // another caller has a budget of its own
        assertThat(admitted(door, request("10.1.2.4"))).isTrue();
    }

    @Test
    void cannotHaveMoreRequestsUnderWayThanItsShare() throws Exception {
        LegacyDoorFilter door = door(List.of("10.1.2.3"), List.of(), null, 100, 1);
        AtomicReference<MockHttpServletResponse> second = new AtomicReference<>();
        AtomicInteger reached = new AtomicInteger();
        FilterChain slow = (req, res) -> {
            reached.incrementAndGet();
            MockHttpServletResponse inner = new MockHttpServletResponse();
            door.doFilter(request("10.1.2.3"), inner, (r, s) -> reached.incrementAndGet());
            second.set(inner);
        };
        door.doFilter(request("10.1.2.3"), new MockHttpServletResponse(), slow);
        assertThat(reached.get()).isEqualTo(1);
        assertThat(second.get().getContentAsString()).contains("\"ResultCode\":5000").contains("too many concurrent requests");
        assertThat(admitted(door, request("10.1.2.3"))).as("the share is free again afterwards").isTrue();
    }

    private static LegacyDoorFilter door(List<String> allowed, List<String> proxies, String secret, int perSecond, int concurrent) {
        return new LegacyDoorFilter(new PnhubSecurityProperties.Legacy(allowed, proxies, secret, perSecond, concurrent));
    }

    private static MockHttpServletRequest request(String peer) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", PATH);
        r.setRemoteAddr(peer);
        return r;
    }

    private static boolean admitted(LegacyDoorFilter door, MockHttpServletRequest request) throws Exception {
        AtomicInteger reached = new AtomicInteger();
        MockHttpServletResponse response = new MockHttpServletResponse();
        door.doFilter(request, response, (req, res) -> reached.incrementAndGet());
        if (reached.get() == 0) {
            assertThat(response.getContentAsString()).contains("\"ResultCode\":5000");
        }
        return reached.get() == 1;
    }
}
