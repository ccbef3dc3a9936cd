package com.keepwell.retention.rules;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One saved version of a rule: the audit trail of who changed what, when, and why. Rows are only ever added. */
@Entity
@Table(name = "offer_rule_version")
@IdClass(OfferRuleVersionRow.Key.class)
class OfferRuleVersionRow {

    static class Key implements Serializable {
        String ruleId;
        int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.ruleId, ruleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ruleId, version);
        }
    }

    @Id
    @Column(name = "rule_id")
    String ruleId;
    @Id
    int version;
    @JdbcTypeCode(SqlTypes.JSON)
    String definition;
    @Column(name = "changed_at")
    Instant changedAt;
    @Column(name = "changed_by")
    String changedBy;
    @Column(name = "change_note")
    String changeNote;
}
