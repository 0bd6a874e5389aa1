package com.pnhub.command.number;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.values.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pool lookup in memory, with the same rules as the SQL table: one row per number (a second
 * registration is NUMBER_ALREADY_REGISTERED) and at most one number per (holder, bind type) (a second is
 * USER_ALREADY_HAS_NUMBER, or USER_ALREADY_HAS_FAULT_BINDING for the temporary type). Updates of unknown
 * numbers do nothing, as an UPDATE that matches no row. Every call is recorded.
 */
public final class InMemoryNumberLookup implements NumberLookup {

    static final class Row {
        final Platform platform;
        final long poolId;
        final long regionId;
        NumberState state = NumberState.NORMAL;
        String holder;
        BindType bindType;

        Row(Platform platform, long poolId, long regionId) {
            this.platform = platform;
            this.poolId = poolId;
            this.regionId = regionId;
        }
    }

    private final Map<String, Row> rows = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();
    /** user|bindType -> number, as the user_slot table. */
    private final Map<String, String> slots = new TreeMap<>();

    @Override
    public void register(String number, Platform platform, long poolId, long regionId) {
        calls.add("register " + number);
        if (rows.containsKey(number)) {
            throw new BusinessRuleException(ErrorCode.NUMBER_ALREADY_REGISTERED, number);
        }
        rows.put(number, new Row(platform, poolId, regionId));
    }

    @Override
    public void assign(String number, String userId, BindType bindType) {
        calls.add("assign " + number + " " + userId + " " + bindType);
        if (!rows.containsKey(number)) {
            return;
        }
        takeSlot(number, userId, bindType);
        setHolderQuietly(number, userId, bindType);
    }

    @Override
    public void reserve(String number, String userId, BindType bindType) {
        calls.add("reserve " + number + " " + userId + " " + bindType);
        takeSlot(number, userId, bindType);
    }

    @Override
    public void releaseSlot(String number, String userId, BindType bindType) {
        calls.add("releaseSlot " + number + " " + userId + " " + bindType);
        slots.remove(userId + "|" + bindType, number);
    }

    @Override
    public void setHolder(String number, String userId, BindType bindType) {
        calls.add("setHolder " + number + " " + userId + " " + bindType);
        setHolderQuietly(number, userId, bindType);
    }

    private void takeSlot(String number, String userId, BindType bindType) {
        String held = slots.putIfAbsent(userId + "|" + bindType, number);
        if (held != null && !held.equals(number)) {
            throw new BusinessRuleException(bindType == BindType.NORMAL
                    ? ErrorCode.USER_ALREADY_HAS_NUMBER : ErrorCode.USER_ALREADY_HAS_FAULT_BINDING, userId);
        }
    }

    private void setHolderQuietly(String number, String userId, BindType bindType) {
        Row row = rows.get(number);
        if (row != null) {
            row.holder = userId;
            row.bindType = bindType;
        }
    }

    @Override
    public String numberHeldBy(String userId, BindType bindType) {
        return slots.get(userId + "|" + bindType);
    }

    @Override
    public List<String> numbersHeldBy(String userId) {
        return rows.entrySet().stream().filter(e -> userId.equals(e.getValue().holder)).map(Map.Entry::getKey).toList();
    }

    @Override
    public List<String> allHeldNumbers() {
        return rows.entrySet().stream().filter(e -> e.getValue().holder != null).map(Map.Entry::getKey).toList();
    }

    @Override
    public List<Long> poolsOf(Platform platform) {
        return rows.values().stream().filter(r -> r.platform == platform).map(r -> r.poolId).distinct().sorted().toList();
    }

    @Override
    public Registration find(String number) {
        Row r = rows.get(number);
        return r == null ? null : new Registration(number, r.platform, r.poolId, r.holder);
    }

    @Override
    public void free(String number) {
        calls.add("free " + number);
        slots.values().removeIf(number::equals);
        Row row = rows.get(number);
        if (row != null) {
            row.holder = null;
            row.bindType = null;
        }
    }

    @Override
    public void changeState(String number, NumberState state) {
        calls.add("changeState " + number + " " + state);
        Row row = rows.get(number);
        if (row != null) {
            row.state = state;
        }
    }

    @Override
    public String lockFreeNumber(Platform platform) {
        calls.add("lockFreeNumber " + platform);
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            if (r.platform == platform && r.holder == null && r.state == NumberState.NORMAL) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Test set-up: the row as an earlier, committed unit of work left it; not recorded as a call. */
    public InMemoryNumberLookup with(String number, Platform platform, long poolId, long regionId, String holder) {
        Row row = new Row(platform, poolId, regionId);
        row.holder = holder;
        row.bindType = holder == null ? null : BindType.NORMAL;
        rows.put(number, row);
        if (holder != null) {
            slots.put(holder + "|" + BindType.NORMAL, number);
        }
        return this;
    }

    /** Test set-up: the number is the holder's temporary number (bind type TEMPORARY); not recorded as a call. */
    public InMemoryNumberLookup withTemporary(String number, Platform platform, long poolId, long regionId, String holder) {
        Row row = new Row(platform, poolId, regionId);
        row.holder = holder;
        row.bindType = BindType.TEMPORARY;
        rows.put(number, row);
        slots.put(holder + "|" + BindType.TEMPORARY, number);
        return this;
    }

    /** Test set-up: the user's slot also holds the number (a transfer in flight reserves the new holder's). */
    public InMemoryNumberLookup withSlot(String number, String userId) {
        slots.put(userId + "|" + BindType.NORMAL, number);
        return this;
    }

    boolean isRegistered(String number) {
        return rows.containsKey(number);
    }

    public String holderOf(String number) {
        Row row = rows.get(number);
        return row == null ? null : row.holder;
    }

    NumberState stateOf(String number) {
        Row row = rows.get(number);
        return row == null ? null : row.state;
    }

    /** The bind type of the number's holder, or null when it has none. */
    public BindType bindTypeOf(String number) {
        Row row = rows.get(number);
        return row == null ? null : row.bindType;
    }

    /** The number in the user's slot of that type, or null. */
    public String slotOf(String userId, BindType bindType) {
        return slots.get(userId + "|" + bindType);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
