package com.pnhub.query.http;

import com.pnhub.api.blacklist.BlacklistEntryView;
import com.pnhub.api.blacklist.FindBlacklistQuery;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.values.Platform;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/blacklist")
@Tag(name = "blacklist", description = "Blacklisted customer (B) and virtual (X) numbers per platform and direction")
public class BlacklistAdminController {

    private final QueryGateway queries;

    public BlacklistAdminController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Blacklist entries, optionally of one platform and/or one number (at most 1000)")
    public List<BlacklistEntryView> list(@RequestParam(required = false) Integer platform,
                                         @RequestParam(required = false) String number) {
        if (platform != null) {
            Platform.of("platform", platform);
        }
        if (number != null && !number.matches("\\d{11}")) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "number", "11位号码");
        }
        return queries.query(new FindBlacklistQuery(platform, number),
                ResponseTypes.multipleInstancesOf(BlacklistEntryView.class)).join();
    }
}
