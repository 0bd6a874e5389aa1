package com.pnhub.facade.legacy;

import com.pnhub.api.metadata.Channel;
import com.pnhub.api.numbers.AgentNumberRow;
import com.pnhub.api.numbers.FindAgentNumbersQuery;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.UserId;
import com.pnhub.api.values.VirtualNumber;
import com.pnhub.command.gateway.FaultOperations;
import com.pnhub.command.gateway.NumberOperations;
import com.pnhub.command.gateway.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The legacy MIS command API, path for path and parameter for parameter as the contract has it. Every
 * answer is HTTP 200 with the legacy envelope; failures are 5000 with the reason in ResultMsg
 * (see {@link LegacyErrorHandling}).
 */
@RestController
public class LegacyNumberController {

    static final String HUB = "/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController/";
    static final String USER_PRIVACY = "/mangoapi/b3520_User_PrivacyNumber.Data/PrivateNumber_ax/";

    private final NumberOperations numbers;
    private final QueryGateway queries;
    private final NumberRules rules;
    private final FaultOperations faults;

    public LegacyNumberController(NumberOperations numbers, QueryGateway queries, NumberRules rules, FaultOperations faults) {
        this.numbers = numbers;
        this.faults = faults;
        this.queries = queries;
        this.rules = rules;
    }

    /** #1 绑号. */
    @RequestMapping(path = HUB + "BindAxNumber", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope bindAxNumber(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = p.userId("userid").value();
        Long regionId = p.optionalLong("regionid");
        String number = p.virtualNumber("private_number").value();
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), List.of(numbers.bindAx(userId, number, null, regionId, ctx)));
    }

    /** #10 指定 A 号码绑号. */
    @RequestMapping(path = HUB + "BindAxNumberByUserPhone", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope bindAxNumberByUserPhone(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = p.userId("userid").value();
        String phoneA = p.phoneNumber("userPhone").value();
        Long regionId = p.optionalLong("regionid");
        String number = p.virtualNumber("private_number").value();
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), List.of(numbers.bindAx(userId, number, phoneA, regionId, ctx)));
    }

    /** #2 解绑. */
    @RequestMapping(path = HUB + "UnBindAgentNumber", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope unBindAgentNumber(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = p.userId("userid").value();
        String number = p.virtualNumber("private_number").value();
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), List.of(numbers.unbindAx(userId, number, ctx)));
    }

    /** #3 查询隐私号列表. */
    @RequestMapping(path = HUB + "QueryAgentNumbers", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope queryAgentNumbers(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = p.userId("userid").value();
        List<AgentNumberRow> rows = queries.query(new FindAgentNumbersQuery(userId),
                ResponseTypes.multipleInstancesOf(AgentNumberRow.class)).join();
        List<Map<String, Object>> body = rows.stream().map(LegacyNumberController::legacyRow).toList();
        return LegacyEnvelope.success(RequestContext.newRequestId(), body);
    }

    /** #4 转移绑定账号 (the page reuses #6's path by mistake: our reading is TransferBindAccount). */
    @RequestMapping(path = HUB + "TransferBindAccount", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope transferBindAccount(HttpServletRequest request) {
        LegacyParams p = params(request);
        String from = p.userId("userid").value();
        String to = p.userId("tuserid").value();
        String number = valueOf(p.optionalVirtualNumber("private_number"));
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), numbers.transfer(from, to, number, ctx));
    }

    /** #11 临时故障绑定: live bindings of the user and/or number (neither: all) become fault bindings. */
    @RequestMapping(path = HUB + "TemporaryBindNumber", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope temporaryBindNumber(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = valueOf(p.optionalUserId("userid"));
        String number = valueOf(p.optionalVirtualNumber("private_number"));
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), faults.declareFaults(userId, number, ctx));
    }

    /** #12 临时故障解绑: fault bindings end by state only, nothing is sent to the provider. */
    @RequestMapping(path = HUB + "TemporaryUnBindNumber", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope temporaryUnBindNumber(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = valueOf(p.optionalUserId("userid"));
        String number = valueOf(p.optionalVirtualNumber("private_number"));
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), faults.endFaults(userId, number, false, ctx));
    }

    /** #13 临时故障解绑: every binding in state 5 is unbound at the provider (where it has a subscription) and ended. */
    @RequestMapping(path = HUB + "TemporaryUnBindNumberToAli", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope temporaryUnBindNumberToAli(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = valueOf(p.optionalUserId("userid"));
        p.optionalLong("regionid");
        String number = valueOf(p.optionalVirtualNumber("private_number"));
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), faults.endFaults(userId, number, true, ctx));
    }

    /** #17 分配临时号码: a temporary number of the platform for the user, as a fault binding. */
    @RequestMapping(path = USER_PRIVACY + "UserBindLinShiNumber", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope userBindLinShiNumber(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = p.userId("userId").value();
        var platform = p.platform("platformID");
        RequestContext ctx = context(request, p);
        // the contract's answer: SUCCESS and [1]; the number is listed by #3
        faults.allocateTemporary(userId, platform, ctx);
        return LegacyEnvelope.success(ctx.requestId(), List.of(1));
    }

    /** #6 更新号码状态. */
    @RequestMapping(path = HUB + "UpdateNumberState", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope updateNumberState(HttpServletRequest request) {
        LegacyParams p = params(request);
        String number = p.virtualNumber("private_number").value();
        var state = p.numberState("state");
        RequestContext ctx = context(request, p);
        numbers.setState(number, state, ctx);
        return LegacyEnvelope.success(ctx.requestId(), List.of("True"));
    }

    /** #8 换绑 A 号码. */
    @RequestMapping(path = HUB + "ChangeBindANumber", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope changeBindANumber(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = p.userId("userId").value();
        String number = p.virtualNumber("private_number").value();
        String telA = p.phoneNumber("telA").value();
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), List.of(numbers.changeA(userId, number, telA, ctx)));
    }

    /** #9 释放小号. */
    @RequestMapping(path = HUB + "ReleaseTelX", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope releaseTelX(HttpServletRequest request) {
        LegacyParams p = params(request);
        String userId = p.userId("userId").value();
        String number = p.virtualNumber("private_number").value();
        RequestContext ctx = context(request, p);
        return LegacyEnvelope.success(ctx.requestId(), List.of(numbers.release(userId, number, ctx)));
    }

    /** #16 绑定小号 by 平台. */
    @RequestMapping(path = USER_PRIVACY + "BindAxByplatform", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope bindAxByPlatform(HttpServletRequest request) {
        request.setAttribute(LegacyErrorHandling.FAILURE_BODY_ATTRIBUTE, List.of(false));
        LegacyParams p = params(request);
        String userId = p.userId("userId").value();
        var platform = p.platform("platformID");
        RequestContext ctx = context(request, p);
        String number = numbers.bindAxByPlatform(userId, platform, ctx);
        return LegacyEnvelope.success(ctx.requestId(), "小号分配成功:" + number, List.of(true));
    }

    private LegacyParams params(HttpServletRequest request) {
        return new LegacyParams(request.getParameterMap(), rules);
    }

    /** The operations take the checked text; an optional parameter that was absent stays null. */
    private static String valueOf(UserId userId) {
        return userId == null ? null : userId.value();
    }

    private static String valueOf(VirtualNumber number) {
        return number == null ? null : number.value();
    }

    static RequestContext context(HttpServletRequest request, LegacyParams p) {
        String addUser = valueOf(p.optionalUserId("addUser"));
        String lastUser = valueOf(p.optionalUserId("lastUser"));
        String operator = lastUser != null ? lastUser : addUser;
        Object caller = request.getAttribute(RequestContext.CALLER_ATTRIBUTE);
        RequestContext ctx = new RequestContext(RequestContext.newRequestId(), Channel.LEGACY_HTTP, operator, addUser, lastUser,
                "legacy http from " + (caller == null ? request.getRemoteAddr() : caller));
        request.setAttribute(LegacyErrorHandling.REQUEST_ID_ATTRIBUTE, ctx.requestId());
        return ctx;
    }

    /**
     * An employee id as the contract's rows carry it: a JSON number (ADR 0006). Ids are digits (UserId
     * refuses others); one that is not, from data made elsewhere, stays a string rather than being lost.
     */
    private static Object legacyUserId(String userId) {
        if (userId == null) {
            return 0L;
        }
        try {
            return Long.parseLong(userId);
        } catch (NumberFormatException e) {
            return userId;
        }
    }

    private static Map<String, Object> legacyRow(AgentNumberRow r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("bindState", r.bindState());
        row.put("numberState", r.numberState());
        row.put("plateformid", r.plateformid());
        row.put("platform_name", r.platformName());
        row.put("userId", legacyUserId(r.userId()));
        row.put("userName", r.userName());
        row.put("tuserName", r.tuserName());
        row.put("tuserId", r.tuserId().isEmpty() ? 0L : legacyUserId(r.tuserId()));
        row.put("pool_id", r.poolId());
        row.put("ax_numA", r.axNumA());
        row.put("ax_number", r.axNumber());
        row.put("ax_subid", r.axSubid());
        return row;
    }
}
