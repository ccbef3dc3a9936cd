package com.keepwell.readmodels.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreBucketsTest {

    @Test
    void ten_equal_buckets_with_one_in_the_last() {
        assertThat(ModelMonitoringProjection.bucketOf(0.0)).isZero();
        assertThat(ModelMonitoringProjection.bucketOf(0.0999)).isZero();
        assertThat(ModelMonitoringProjection.bucketOf(0.1)).isEqualTo(1);
        assertThat(ModelMonitoringProjection.bucketOf(0.95)).isEqualTo(9);
        assertThat(ModelMonitoringProjection.bucketOf(1.0)).isEqualTo(9);
    }
}
