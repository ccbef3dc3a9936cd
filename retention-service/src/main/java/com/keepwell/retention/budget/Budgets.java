package com.keepwell.retention.budget;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Rule budgets that hold under concurrency, across instances. A reservation takes the full cost of a redemption
 * when the offer is made (so even if every offer were redeemed the budget holds), in one transaction of two
 * conditional updates: the day's row and the rule's total row, each adding only while the limit allows. PostgreSQL
 * re-checks the condition after waiting for a concurrent writer's row lock, so two instances can never both take
 * the last unit. Reservations are keyed by offer id, so a retried reservation takes nothing twice. An offer that
 * ends unredeemed (or is refused by the contact policy) gives its reservation back; a redeemed one keeps it as
 * spend.
 */
@ApplicationScoped
@Unremovable // the saga takes it as a handler parameter
public class Budgets {

    private final DataSource dataSource;

    @Inject
    public Budgets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sets a rule's limits (on every save of the rule); what was spent stays. */
    public void configure(String ruleId, String currency, BigDecimal total, BigDecimal perDay) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO offer_budget (rule_id, currency, total_limit, daily_limit) VALUES (?, ?, ?, ?)
                        ON CONFLICT (rule_id) DO UPDATE SET currency = EXCLUDED.currency,
                            total_limit = EXCLUDED.total_limit, daily_limit = EXCLUDED.daily_limit""")) {
            s.setString(1, ruleId);
            s.setString(2, currency);
            s.setBigDecimal(3, total);
            s.setBigDecimal(4, perDay);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not configure the budget of " + ruleId, e);
        }
    }

    /**
     * Reserves {@code amount} of the rule's budget for one offer, on the UTC day of {@code at}. True if reserved
     * (or already reserved for this offer), false if the total or the day's limit would be exceeded.
     */
    public boolean reserve(String ruleId, String offerId, BigDecimal amount, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        // its own transaction: a reservation stands whatever happens to the caller's (the offer id makes a retry
        // take nothing twice); a refused one undoes what it added before it commits
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return reserve(c, ruleId, offerId, amount, day, at);
            } catch (SQLException e) {
                throw new IllegalStateException("could not reserve budget of " + ruleId, e);
            }
        });
    }

    private static boolean reserve(Connection c, String ruleId, String offerId, BigDecimal amount, LocalDate day,
            Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM offer_budget_reservation WHERE offer_id = ?")) {
            s.setString(1, offerId);
            if (s.executeQuery().next()) {
                return true;
            }
        }
        // the day's row first: a day's limit is reached far more often than the total, and a refusal there then
        // costs one statement and locks nothing else. Every path takes the day's row before the rule's (giveBack
        // too), so a reservation and a release of the same rule cannot deadlock.
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO offer_budget_day (rule_id, day, spent)
                SELECT ?, ?, ? FROM offer_budget WHERE rule_id = ? AND ? <= daily_limit
                ON CONFLICT (rule_id, day) DO UPDATE SET spent = offer_budget_day.spent + EXCLUDED.spent
                WHERE offer_budget_day.spent + EXCLUDED.spent
                      <= (SELECT daily_limit FROM offer_budget WHERE rule_id = EXCLUDED.rule_id)""")) {
            s.setString(1, ruleId);
            s.setObject(2, day);
            s.setBigDecimal(3, amount);
            s.setString(4, ruleId);
            s.setBigDecimal(5, amount);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        boolean withinTotal;
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE offer_budget SET spent_total = spent_total + ?
                WHERE rule_id = ? AND spent_total + ? <= total_limit""")) {
            s.setBigDecimal(1, amount);
            s.setString(2, ruleId);
            s.setBigDecimal(3, amount);
            withinTotal = s.executeUpdate() == 1;
        }
        if (!withinTotal) {
            undoDay(c, ruleId, day, amount);
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO offer_budget_reservation (offer_id, rule_id, day, amount, state, reserved_at)
                VALUES (?, ?, ?, ?, 'RESERVED', ?) ON CONFLICT (offer_id) DO NOTHING""")) {
            s.setString(1, offerId);
            s.setString(2, ruleId);
            s.setObject(3, day);
            s.setBigDecimal(4, amount);
            s.setTimestamp(5, Timestamp.from(at));
            if (s.executeUpdate() == 0) {
                // the same offer was reserved concurrently: it holds its budget once
                giveBack(c, ruleId, day, amount);
            }
            return true;
        }
    }

    private static void undoDay(Connection c, String ruleId, LocalDate day, BigDecimal amount) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE offer_budget_day SET spent = spent - ? WHERE rule_id = ? AND day = ?")) {
            s.setBigDecimal(1, amount);
            s.setString(2, ruleId);
            s.setObject(3, day);
            s.executeUpdate();
        }
    }

    /** Gives an offer's reservation back (not redeemed, or never sent). Idempotent. */
    public void release(String offerId) {
        settle(offerId, "RELEASED");
    }

    /** Keeps an offer's reservation as spend (redeemed). Idempotent. */
    public void spend(String offerId) {
        settle(offerId, "SPENT");
    }

    private void settle(String offerId, String state) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement mark = c.prepareStatement("""
                            UPDATE offer_budget_reservation SET state = ? WHERE offer_id = ? AND state = 'RESERVED'
                            RETURNING rule_id, day, amount""")) {
                mark.setString(1, state);
                mark.setString(2, offerId);
                var rows = mark.executeQuery();
                if (rows.next() && state.equals("RELEASED")) {
                    giveBack(c, rows.getString(1), rows.getObject(2, LocalDate.class), rows.getBigDecimal(3));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not settle the budget reservation of " + offerId, e);
            }
        });
    }

    private static void giveBack(Connection c, String ruleId, LocalDate day, BigDecimal amount) throws SQLException {
        // the day's row before the rule's, in the order reservations take them
        undoDay(c, ruleId, day, amount);
        try (PreparedStatement total = c.prepareStatement(
                "UPDATE offer_budget SET spent_total = spent_total - ? WHERE rule_id = ?")) {
            total.setBigDecimal(1, amount);
            total.setString(2, ruleId);
            total.executeUpdate();
        }
    }

    /** Whether one more reservation of {@code amount} would fit now (a read, not a reservation). */
    public boolean canAfford(String ruleId, BigDecimal amount, Instant at) {
        Remaining left = remaining(ruleId, at);
        return left.total().compareTo(amount) >= 0 && left.today().compareTo(amount) >= 0;
    }

    /** What a rule has left in total and today, for dry runs and the console. */
    public record Remaining(BigDecimal total, BigDecimal today) {
    }

    public Remaining remaining(String ruleId, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT b.total_limit - b.spent_total, b.daily_limit - COALESCE(d.spent, 0)
                        FROM offer_budget b LEFT JOIN offer_budget_day d ON d.rule_id = b.rule_id AND d.day = ?
                        WHERE b.rule_id = ?""")) {
            s.setObject(1, day);
            s.setString(2, ruleId);
            var rows = s.executeQuery();
            return rows.next() ? new Remaining(rows.getBigDecimal(1), rows.getBigDecimal(2))
                    : new Remaining(BigDecimal.ZERO, BigDecimal.ZERO);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the budget of " + ruleId, e);
        }
    }
}
