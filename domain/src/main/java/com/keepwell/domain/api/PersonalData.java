package com.keepwell.domain.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that identifies a person (GDPR Art. 4(1)). Erasure works by encrypting these fields with a
 * per-customer key and deleting the key, so every such field in the storefront contract and in stored events
 * carries this mark; tooling finds them by reflection.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
