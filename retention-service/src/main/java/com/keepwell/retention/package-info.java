/**
 * Retention service: offer rules, the retention saga, contact policy, budgets, holdout and outcomes. Its own
 * package root keeps it apart from the other services when they share one process.
 */
package com.keepwell.retention;
