package com.pnhub.command.provider;

import com.pnhub.api.numbers.Platform;
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

    public NumberProvider forPlatform(Platform platform) {
        NumberProvider p = providers.get(platform);
        if (p == null) {
            throw new IllegalStateException("no provider configured for platform " + platform);
        }
        return p;
    }

    /** Our pool id is the provider's pool key (Aliyun PoolKey) written as a string. */
    public String poolKey(Platform platform, long poolId) {
        return Long.toString(poolId);
    }
}
