package com.keepwell.domain.customer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.keepwell.domain.api.CustomerCommandRejectedException;
import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.RejectionCode;

/**
 * The order lifecycle policy of a customer: refunds and cancellations must refer to a known order, refunds
 * never add up to more than the order, and a cancellation voids whatever was not refunded yet.
 */
final class OrderBook {

    private final Map<OrderId, OrderState> orders = new HashMap<>();

    boolean contains(OrderId orderId) {
        return orders.containsKey(orderId);
    }

    boolean isCancelled(OrderId orderId) {
        return known(orderId).cancelled();
    }

    void requireRefundable(OrderId orderId, Money amount) {
        OrderState order = known(orderId);
        if (order.cancelled()) {
            throw new CustomerCommandRejectedException(RejectionCode.ORDER_CANCELLED,
                    "order " + orderId + " was cancelled, which already voided it; a refund cannot follow");
        }
        if (!amount.sameCurrencyAs(order.total())) {
            throw new CustomerCommandRejectedException(RejectionCode.REFUND_CURRENCY_MISMATCH,
                    "refund is in " + amount.currency() + " but order " + orderId + " was paid in "
                            + order.total().currency());
        }
        Money afterRefund = order.refunded().plus(amount);
        if (afterRefund.exceeds(order.total())) {
            throw new CustomerCommandRejectedException(RejectionCode.REFUND_EXCEEDS_ORDER,
                    "refund of " + amount.amount() + " " + amount.currency() + " would bring refunds on order "
                            + orderId + " to " + afterRefund.amount() + ", more than its total of "
                            + order.total().amount());
        }
    }

    /** What a cancellation would void now: the part of the order not refunded yet. */
    Money outstanding(OrderId orderId) {
        OrderState order = known(orderId);
        return new Money(order.total().amount().subtract(order.refunded().amount()), order.total().currency());
    }

    void placed(OrderId orderId, Money total) {
        orders.put(orderId, new OrderState(total));
    }

    void refunded(OrderId orderId, Money amount) {
        orders.computeIfPresent(orderId, (id, order) -> order.withRefund(amount));
    }

    void cancelled(OrderId orderId) {
        orders.computeIfPresent(orderId, (id, order) -> order.cancel());
    }

    private OrderState known(OrderId orderId) {
        return Optional.ofNullable(orders.get(orderId)).orElseThrow(() -> new CustomerCommandRejectedException(
                RejectionCode.UNKNOWN_ORDER, "order " + orderId + " is not known for this customer"));
    }

    private record OrderState(Money total, Money refunded, boolean cancelled) {

        OrderState(Money total) {
            this(total, Money.zero(total.currency()), false);
        }

        OrderState withRefund(Money amount) {
            return new OrderState(total, refunded.plus(amount), cancelled);
        }

        OrderState cancel() {
            return new OrderState(total, refunded, true);
        }
    }
}
