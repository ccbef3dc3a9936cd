package com.keepwell.readmodels.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.CampaignResultView.ArmView;

class ConsoleFormatTest {

    @Test
    void an_arm_reads_as_kept_of_settled_with_its_interval_or_says_why_it_has_no_rate() {
        assertThat(ConsoleFormat.armDetail(new ArmView(12, 12, 0, 12, 8, 3, 12, 8, 8 / 12.0, 0.391, 0.862)))
                .isEqualTo("8 of 12 (39 %–86 %)");
        // two more ended early (re-ordered) and three are still in their window: the rate waits for all five
        assertThat(ConsoleFormat.armDetail(new ArmView(17, 17, 0, 14, 10, 3, 12, 8, 8 / 12.0, 0.391, 0.862)))
                .isEqualTo("8 of 12 (39 %–86 %), 5 in their window");
        assertThat(ConsoleFormat.armDetail(new ArmView(3, 2, 1, 1, 1, 0, 0, 0, null, null, null)))
                .isEqualTo("no window closed yet (3 open, 1 ended early)");
        assertThat(ConsoleFormat.armDetail(new ArmView(3, 2, 1, 0, 0, 0, 0, 0, null, null, null)))
                .isEqualTo("no window closed yet (3 open)");
        assertThat(ConsoleFormat.armDetail(new ArmView(0, 0, 0, 0, 0, 0, 0, 0, null, null, null)))
                .isEqualTo("no case");
        assertThat(ConsoleFormat.rate(null)).isEqualTo("—");
    }

    @Test
    void a_lift_interval_reads_in_points_or_says_what_it_waits_for() {
        assertThat(ConsoleFormat.liftInterval(-0.119, 0.952)).isEqualTo("-11.9 pp to +95.2 pp");
        assertThat(ConsoleFormat.liftInterval(null, null)).isEqualTo("needs settled cases in both arms");
    }
}
