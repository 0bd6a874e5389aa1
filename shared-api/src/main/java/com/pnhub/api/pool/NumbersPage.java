package com.pnhub.api.pool;

import com.pnhub.api.numbers.NumberView;
import java.util.List;

/** One page of a {@link FindNumbersQuery}: {@code total} counts every match, {@code items} are this page's. */
public record NumbersPage(long total, int page, int size, List<NumberView> items) {

    public NumbersPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
