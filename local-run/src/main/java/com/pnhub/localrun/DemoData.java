package com.pnhub.localrun;

import com.pnhub.api.agents.UpdateAgentProfileCommand;
import com.pnhub.api.metadata.Channel;
import com.pnhub.api.numbers.RegisterNumberCommand;
import com.pnhub.api.values.Platform;
import com.pnhub.command.gateway.CommandDispatcher;
import com.pnhub.command.gateway.RequestContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Run command's demo pool, registered through the same commands an operator would use, only on
 * first start (an empty pool): numbers per platform (pool 11 东信 1710000xxxx, pool 12 玖云 1720000xxxx,
 * pool 17 阿里云 1730000xxxx, region 1) and the agents listed in README.md.
 */
@Component
@Profile(LocalEnvironment.PROFILE)
public class DemoData implements ApplicationRunner {

    static final Map<Platform, Long> POOLS = Map.of(Platform.DONGXIN, 11L, Platform.JIUYUN, 12L, Platform.ALIYUN, 17L);
    static final Map<String, String[]> AGENTS = Map.of(
            "51218", new String[] {"张伟", "13470110001"},
            "74705", new String[] {"王芳", "13470110002"},
            "10001", new String[] {"李娜", "13800138001"},
            "10002", new String[] {"刘洋", "15900159002"},
            "10003", new String[] {"陈静", "18600186003"});
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CommandDispatcher dispatcher;
    private final JdbcTemplate jdbc;
    private final boolean enabled;
    private final int perPlatform;

    public DemoData(CommandDispatcher dispatcher, JdbcTemplate jdbc,
                    @Value("${pnhub.local.demo-data:true}") boolean enabled,
                    @Value("${pnhub.local.demo-numbers-per-platform:200}") int perPlatform) {
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
        this.enabled = enabled;
        this.perPlatform = perPlatform;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer registered = jdbc.queryForObject("SELECT count(*) FROM number_lookup", Integer.class);
        if (!enabled || registered == null || registered > 0) {
            return;
        }
        RequestContext ctx = RequestContext.of(Channel.SYSTEM, "demo-data");
        for (Platform p : Platform.values()) {
            for (int i = 0; i < perPlatform; i++) {
                String number = String.format("17%d0000%04d", p.code(), i);
                dispatcher.send(new RegisterNumberCommand(number, p, POOLS.get(p), 1L), number, ctx);
            }
        }
        AGENTS.forEach((userId, nameAndPhone) ->
                dispatcher.send(new UpdateAgentProfileCommand(userId, nameAndPhone[0], nameAndPhone[1]), null, ctx));
        log.info("demo data: {} numbers per platform, {} agents", perPlatform, AGENTS.size());
    }
}
