-- visits_per_month in the CEL context: a decayed session count (VisitRate) and the instant it refers to
ALTER TABLE retention_customer ADD COLUMN visit_weight DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE retention_customer ADD COLUMN visit_weight_at TIMESTAMP WITH TIME ZONE;
