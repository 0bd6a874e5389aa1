package com.pnhub.query.http;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.pool.FindNumbersQuery;
import com.pnhub.api.pool.FindPoolHistoryQuery;
import com.pnhub.api.pool.FindPoolSummaryQuery;
import com.pnhub.api.pool.NumbersPage;
import com.pnhub.api.pool.PoolHistory;
import com.pnhub.api.pool.PoolSummary;
import com.pnhub.http.InstantParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pool view: the numbers list with filters and total (GET /api/v1/numbers; the single-number paths stay in
 * {@link NumberViewController}) and the per platform and pool summary. Parameters are taken as text and checked
 * here, so a malformed one answers 400 with the parameter's name rather than a conversion failure. The summary's
 * counts sampled over time are {@code GET /api/v1/pool/history}.
 */
@RestController
@Tag(name = "pool", description = "The pool of numbers: filtered lists with totals, free/assigned/bound counts per pool")
public class PoolAdminController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    /** How far back the history reaches when no {@code since} is given. */
    static final Duration DEFAULT_HISTORY = Duration.ofHours(24);

    private final QueryGateway queries;

    public PoolAdminController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/numbers")
    @Operation(summary = "Numbers of the read model ordered by number, filtered (all optional) and paged, with the total count")
    public NumbersPage list(@RequestParam(required = false) String platform,
                            @RequestParam(required = false) String poolId,
                            @RequestParam(required = false) String regionId,
                            @RequestParam(required = false) String state,
                            @RequestParam(required = false) String bindState,
                            @RequestParam(required = false) String userId,
                            @RequestParam(required = false) String phoneA,
                            @RequestParam(required = false) String page,
                            @RequestParam(required = false) String size) {
        Long platformCode = optionalLong("platform", platform, 1, 3, "平台只能是1,2,3");
        Long pool = optionalLong("poolId", poolId, 0, Long.MAX_VALUE, "必须是非负整数");
        Long region = optionalLong("regionId", regionId, 0, Long.MAX_VALUE, "必须是非负整数");
        Long numberState = optionalLong("state", state, 0, 3, "号码状态只能是0,1,2,3");
        List<BindState> bindStates = bindStates(bindState);
        String user = blankToNull(userId);
        if (user != null && user.length() > 64) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "userId", "最长64位");
        }
        String phone = blankToNull(phoneA);
        if (phone != null && !phone.matches("\\d{5,20}")) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "phoneA", "只能是5到20位数字");
        }
        Long pageNo = optionalLong("page", page, 0, 1_000_000, "page>=0");
        Long pageSize = optionalLong("size", size, 1, MAX_SIZE, "1<=size<=" + MAX_SIZE);
        FindNumbersQuery query = new FindNumbersQuery(
                platformCode == null ? null : platformCode.intValue(), pool, region,
                numberState == null ? null : numberState.intValue(), bindStates, user, phone,
                pageNo == null ? 0 : pageNo.intValue(), pageSize == null ? DEFAULT_SIZE : pageSize.intValue());
        return queries.query(query, ResponseTypes.instanceOf(NumbersPage.class)).join();
    }

    @GetMapping("/api/v1/pool/summary")
    @Operation(summary = "Free, assigned, bound, fault-bound, locked, disabled, released and total numbers per platform "
            + "and pool, with a warning for those running low")
    public PoolSummary summary() {
        return queries.query(new FindPoolSummaryQuery(), ResponseTypes.instanceOf(PoolSummary.class)).join();
    }

    @GetMapping("/api/v1/pool/history")
    @Operation(summary = "The summary's counts per platform and pool as sampled every pnhub.pool.history.sample-interval "
            + "since the given instant (default: the last 24 hours), oldest first")
    public PoolHistory history(@RequestParam(required = false) String since) {
        String v = blankToNull(since);
        Instant from = v == null ? Instant.now().minus(DEFAULT_HISTORY) : InstantParameter.parse("since", v);
        return queries.query(new FindPoolHistoryQuery(from), ResponseTypes.instanceOf(PoolHistory.class)).join();
    }

    /** A legacy bind code (0, 1, 5: every state shown with that code) or a state's name (BOUND, FAULT, …). */
    static List<BindState> bindStates(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        if (v.matches("\\d{1,2}")) {
            int code = Integer.parseInt(v);
            List<BindState> states = Arrays.stream(BindState.values()).filter(s -> s.legacyCode() == code).toList();
            if (!states.isEmpty()) {
                return states;
            }
        } else {
            try {
                return List.of(BindState.valueOf(v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "bindState",
                "绑定状态只能是0,1,5或" + Arrays.toString(BindState.values()));
    }

    private static Long optionalLong(String name, String value, long min, long max, String rule) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, rule);
        }
        if (n < min || n > max) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, rule);
        }
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
