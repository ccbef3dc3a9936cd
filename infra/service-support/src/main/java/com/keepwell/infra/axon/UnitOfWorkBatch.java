package com.keepwell.infra.axon;

import java.util.function.Supplier;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs many commands in one Axon unit of work and one database transaction. Each command still runs in its own
 * nested unit of work, so a command refused by its aggregate leaves nothing behind while the others go on; the
 * events of all of them are appended together when the batch commits. This is where ingestion gets its speed:
 * one transaction and one batched insert for hundreds of storefront events instead of one each.
 */
public final class UnitOfWorkBatch {

    private UnitOfWorkBatch() {
    }

    /** Runs {@code work} and commits; any exception it throws rolls the whole batch back and is rethrown. */
    public static <R> R run(TransactionManager transactions, String description, Supplier<R> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(description));
        unitOfWork.attachTransaction(transactions);
        R result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
        return result;
    }
}
