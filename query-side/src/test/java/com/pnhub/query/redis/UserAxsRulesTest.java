package com.pnhub.query.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.values.Platform;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The legacy hash PrivateNumber_user_axs, field by field: what MIS reads for a user after each event. */
class UserAxsRulesTest {

    private static final String X = "17300000001";
    private static final String X2 = "17300000002";
    private static final String U1 = "51218";
    private static final String U2 = "74705";
    private static final String A = "13470110001";

    private final Map<String, String> hash = new HashMap<>();

    @Test
    void canShowTheHoldersNumberInTheLegacyValueOnceBound() {
        UserAxsRules.apply(hash, bound(X, U1));
        assertThat(hash).containsExactly(Map.entry(U1, "{\"xNumber\":\"17300000001\",\"bindType\":0}"));
    }

    @Test
    void canKeepAnUnboundNumberAsTheUsersOrdinaryEntry() {
        UserAxsRules.apply(hash, new AxFaultBoundEvent(X, "op-1", U1, A, BindType.NORMAL, Platform.ALIYUN, 17, null,
                FaultCause.PROVIDER_UNAVAILABLE, "down"));
        assertThat(hash.get(U1)).isEqualTo(UserAxsRules.value(X, BindType.TEMPORARY));
        UserAxsRules.apply(hash, new AxUnboundEvent(X, "op-2", U1, A, null));
        assertThat(hash.get(U1)).isEqualTo(UserAxsRules.value(X, BindType.NORMAL));
    }

    @Test
    void cannotEraseAUsersCurrentNumberWhenAnotherNumberOfTheirsIsGivenUp() {
        UserAxsRules.apply(hash, bound(X2, U1));
        UserAxsRules.apply(hash, new NumberReleasedEvent(X, "op-3", U1));
        UserAxsRules.apply(hash, new AxBindingRejectedEvent(X, "op-4", U1, "isv.X", "refused", false, true));
        assertThat(hash.get(U1)).isEqualTo(UserAxsRules.value(X2, BindType.NORMAL));
        UserAxsRules.apply(hash, new NumberReleasedEvent(X2, "op-5", U1));
        assertThat(hash).doesNotContainKey(U1);
    }

    @Test
    void canMoveATransferredFaultBindingToItsNewHolderAsATemporaryNumber() {
        UserAxsRules.apply(hash, bound(X, U1));
        NumberTransferredEvent transfer = new NumberTransferredEvent(X, "op-6", U1, U2, A, "13470110002", BindState.FAULT,
                BindType.NORMAL);
        assertThat(UserAxsRules.users(transfer)).containsExactlyInAnyOrder(U1, U2);
        UserAxsRules.apply(hash, transfer);
        assertThat(hash).containsExactly(Map.entry(U2, UserAxsRules.value(X, BindType.TEMPORARY)));
    }

    @Test
    void cannotTouchAnyFieldForAnEventThatNamesNoHolder() {
        assertThat(UserAxsRules.users("not an event of a number")).isEmpty();
        UserAxsRules.apply(hash, "not an event of a number");
        assertThat(hash).isEmpty();
    }

    private static AxBoundEvent bound(String number, String user) {
        return new AxBoundEvent(number, "op-0", user, A, "1000000000000001", Platform.ALIYUN, 17);
    }
}
