package com.pnhub.command.provider;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The provider of each platform, and how our pool ids map to the provider's pool keys. */
public class ProviderRegistry {

    private final Map<Platform, NumberProvider> providers = new EnumMap<>(Platform.class);

    public ProviderRegistry(List<NumberProvider> all) {
        for (NumberProvider p : all) {
            if (providers.put(p.platform(), p) != null) {
                throw new IllegalStateException("two providers for platform " + p.platform());
            }
        }
    }

    /** The platform's provider; one without credentials refuses every call, so no binding waits forever. */
    public NumberProvider forPlatform(Platform platform) {
        NumberProvider p = providers.get(platform);
        return p != null ? p : new NotConfigured(platform);
    }

    public boolean isConfigured(Platform platform) {
        return providers.containsKey(platform);
    }

    private record NotConfigured(Platform platform) implements NumberProvider {

        private static final String CODE = "pnhub.PROVIDER_NOT_CONFIGURED";

        private ProviderOutcome refuse() {
            return new ProviderOutcome.Refused(CODE, "no credentials configured for platform " + platform.code());
        }

        @Override
        public ProviderOutcome bindAx(String poolKey, String x, String phoneA, String outId) {
            return refuse();
        }

        @Override
        public ProviderOutcome unbind(String poolKey, String subsId, String x) {
            return refuse();
        }

        @Override
        public ProviderOutcome changeA(String poolKey, String subsId, String x, String newPhoneA) {
            return refuse();
        }

        @Override
        public ProviderOutcome addBlacklist(String poolKey, String number, BlacklistDirection direction) {
            return refuse();
        }

        @Override
        public ProviderOutcome deleteBlacklist(String poolKey, String number, BlacklistDirection direction) {
            return refuse();
        }
    }

    /** Our pool id is the provider's pool key (Aliyun PoolKey) written as a string. */
    public String poolKey(Platform platform, long poolId) {
        return Long.toString(poolId);
    }
}
