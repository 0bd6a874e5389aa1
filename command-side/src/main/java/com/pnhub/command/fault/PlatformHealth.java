package com.pnhub.command.fault;

import com.pnhub.api.numbers.Platform;

/** Whether a platform is known to be down, so failover does not pick it. */
public interface PlatformHealth {

    boolean isDown(Platform platform);
}
