package com.pnhub.query.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a projection's handlers collect over one batch of its processor, written once when the batch's unit of work
 * prepares to commit (in the transaction that stores the processor's token, so a failed write retries the batch).
 * A replay's 500-event batch then costs one read and one write instead of a statement per event. Outside a unit of
 * work an item is written at once.
 */
public final class UnitOfWorkBatch<T> {

    private final String resourceKey;
    private final Consumer<List<T>> write;

    public UnitOfWorkBatch(String name, Consumer<List<T>> write) {
        this.resourceKey = UnitOfWorkBatch.class.getName() + "." + name;
        this.write = write;
    }

    public void add(T item) {
        if (!CurrentUnitOfWork.isStarted()) {
            write.accept(List.of(item));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<T> items = root.getOrComputeResource(resourceKey, key -> {
            List<T> batch = new ArrayList<>();
            root.onPrepareCommit(u -> write.accept(batch));
            return batch;
        });
        items.add(item);
    }
}
