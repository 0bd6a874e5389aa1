package com.pnhub.simulator;

import com.pnhub.api.privacy.PhoneMask;
import java.time.LocalDateTime;

/** One number on a pool's blacklist (AddSecretBlacklist). */
public record BlacklistEntry(String poolKey, String blackNo, String blackType, String wayControl, String remark,
                             LocalDateTime createdAt) {

    @Override
    public String toString() {
        return "BlacklistEntry[pool=" + poolKey + " no=" + PhoneMask.number(blackNo) + " type=" + blackType + "]";
    }
}
