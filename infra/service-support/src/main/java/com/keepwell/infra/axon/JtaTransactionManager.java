package com.keepwell.infra.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon transactions on top of the process's JTA transaction manager (Narayana), so that the event store, the
 * token store and Hibernate ORM projections share one database transaction. A unit of work that finds a
 * transaction already running joins it and leaves commit and rollback to whoever began it: nested units of
 * work (one per command inside an ingestion batch) then cannot doom the batch's transaction by failing a
 * business rule, and a caller's {@code @Transactional} boundary stays in charge.
 */
final class JtaTransactionManager implements TransactionManager {

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private final jakarta.transaction.TransactionManager jta;

    JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                return JOINED;
            }
            jta.begin();
            return new Transaction() {
                @Override
                public void commit() {
                    try {
                        jta.commit();
                    } catch (Exception e) {
                        throw new IllegalStateException("could not commit the transaction", e);
                    }
                }

                @Override
                public void rollback() {
                    try {
                        jta.rollback();
                    } catch (SystemException e) {
                        throw new IllegalStateException("could not roll back the transaction", e);
                    }
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException("could not start a transaction", e);
        }
    }
}
