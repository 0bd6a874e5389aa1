package com.pnhub.app.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what one client can hold, on every door and before any of them: at most {@code perAddress} requests under
 * way per client address (liveness and readiness are not counted, so a load balancer always gets through), and a
 * request body must arrive within {@code bodyReadTimeout} in all. Tomcat's own read timeout starts again with every
 * byte, so a client sending a byte every few seconds would otherwise keep a request thread for as long as it likes.
 * A refusal closes the connection, so Tomcat does not wait for the rest of the body either.
 */
public class RequestBounds implements Filter {

    private static final Logger log = LoggerFactory.getLogger(RequestBounds.class);

    private final int perAddress;
    private final long bodyReadNanos;
    private final AddressRanges trustedProxies;
    private final Map<String, AtomicInteger> underWay = new ConcurrentHashMap<>();

    public RequestBounds(int perAddress, Duration bodyReadTimeout, PnhubSecurityProperties.Legacy legacy) {
        this.perAddress = perAddress;
        this.bodyReadNanos = bodyReadTimeout.toNanos();
        this.trustedProxies = AddressRanges.parse("pnhub.security.legacy.trusted-proxies", legacy.trustedProxies());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String uri = request.getRequestURI();
        if (uri.startsWith("/actuator/health")) {
            chain.doFilter(request, response);
            return;
        }
        String address = CallerAddress.of(request, trustedProxies);
        AtomicInteger count = underWay.computeIfAbsent(address, a -> new AtomicInteger());
        try {
            if (count.incrementAndGet() > perAddress) {
                log.warn("request refused from {}: {} requests under way", AddressRanges.masked(address), perAddress);
                response.setHeader("Connection", "close");
                if (uri.startsWith("/mangoapi/")) {
                    LegacyDoorFilter.answer(response, "请求过于频繁,请稍后重试 (too many requests under way)");
                } else {
                    Problems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable",
                            "too many requests under way from this address");
                }
                return;
            }
            chain.doFilter(new BodyWithDeadline(request, response, System.nanoTime() + bodyReadNanos), response);
        } finally {
            if (count.decrementAndGet() == 0) {
                underWay.remove(address, count);
            }
        }
    }

    /** The request's body, refused once it has taken longer than the deadline to arrive. */
    private static final class BodyWithDeadline extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private final long deadline;
        private ServletInputStream stream;

        BodyWithDeadline(HttpServletRequest request, HttpServletResponse response, long deadline) {
            super(request);
            this.response = response;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        check();
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        check();
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding == null ? "UTF-8" : encoding));
        }

        private void check() throws IOException {
            if (System.nanoTime() > deadline) {
                response.setHeader("Connection", "close");
                throw new IOException("request body too slow: not complete within the body read timeout");
            }
        }
    }
}
