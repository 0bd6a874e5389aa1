package com.pnhub.command.fault;

import com.pnhub.api.values.Platform;

/** Whether a platform is known to be down, so failover does not pick it. */
public interface PlatformHealth {

    boolean isDown(Platform platform);
}
