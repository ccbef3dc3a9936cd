package com.keepwell.retention.rules;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The current version of a rule. Never leaves the rules package: the API answers with {@link RuleView}. */
@Entity
@Table(name = "offer_rule")
class OfferRuleRow {

    @Id
    @Column(name = "rule_id")
    String ruleId;
    int version;
    String name;
    int priority;
    boolean enabled;
    @JdbcTypeCode(SqlTypes.JSON)
    String definition;
    @Column(name = "updated_at")
    Instant updatedAt;
    @Column(name = "updated_by")
    String updatedBy;
}
