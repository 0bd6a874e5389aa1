package com.pnhub.facade.legacy;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.command.gateway.ClientBindingOperations;
import com.pnhub.command.gateway.ClientBindingOperations.ClientBindingAnswer;
import com.pnhub.command.gateway.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** Legacy #5 GetCallNumber: a customer (XB) binding on the agent's X (docs/xb-bindings.md). */
@RestController
public class LegacyClientBindingController {

    private final ClientBindingOperations clientBindings;
    private final NumberRules rules;

    public LegacyClientBindingController(ClientBindingOperations clientBindings, NumberRules rules) {
        this.clientBindings = clientBindings;
        this.rules = rules;
    }

    /**
     * #5 XB 用户绑定. Success: {@code [{"phone": X, "callbackId": xbid}]}; every failure answers DataBody
     * {@code ["<Mobile>"]}, as the contract shows.
     */
    @RequestMapping(path = LegacyNumberController.HUB + "GetCallNumber", method = {RequestMethod.GET, RequestMethod.POST})
    public LegacyEnvelope getCallNumber(HttpServletRequest request) {
        LegacyParams p = new LegacyParams(request.getParameterMap(), rules);
        String mobile = p.optional("Mobile");
        if (mobile != null && mobile.length() <= 20) {
            request.setAttribute(LegacyErrorHandling.FAILURE_BODY_ATTRIBUTE, List.of(mobile));
        }
        String userId = p.userId("userid").value();
        long xbid = p.nonNegative("xbid", 0L);
        ClientBindingContext context = new ClientBindingContext(required(p, "Mapclassid"), required(p, "Mapid"),
                p.nonNegative("Contactmapclassid", 0L), p.nonNegative("Contactid", 0L));
        String phoneB = p.required("Mobile");
        long seconds = p.nonNegative("expiration", 0L);
        Duration expiration = seconds == 0 ? ClientBindingOperations.DEFAULT_EXPIRATION : Duration.ofSeconds(seconds);
        if (expiration.compareTo(ClientBindingOperations.MAX_EXPIRATION) > 0) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "expiration", "不能超过86400秒");
        }
        RequestContext ctx = LegacyNumberController.context(request, p);
        ClientBindingAnswer answer = clientBindings.bindClient(userId, xbid, phoneB, expiration, context, ctx);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("phone", answer.number());
        row.put("callbackId", answer.callbackId());
        return LegacyEnvelope.success(ctx.requestId(), List.of(row));
    }

    private static long required(LegacyParams p, String name) {
        p.required(name);
        return p.nonNegative(name, 0L);
    }
}
