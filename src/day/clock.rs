//! The time the page shows: real time, or a preview that starts elsewhere and may run faster.
//!
//! [`TimeSource`] is the pure arithmetic (tested natively). The browser's `Ticker`
//! ([`crate::browser::ticker`]) drives a signal from it: one update per second of shown time, aligned to the second boundary,
//! and an immediate one when the tab becomes visible again (hidden tabs' timers are
//! throttled). Each update reads the current instant afresh, so nothing drifts.

use chrono::{DateTime, Utc};

use crate::day::address::Preview;

/// Maps real time (ms since the epoch, as `Date.now()`) to shown time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeSource {
    real_anchor_ms: f64,
    shown_anchor_ms: f64,
    speed: f64,
}

impl TimeSource {
    pub const REAL: TimeSource = TimeSource {
        real_anchor_ms: 0.0,
        shown_anchor_ms: 0.0,
        speed: 1.0,
    };

    /// A preview that shows `preview.from` at the real instant `real_now_ms`.
    pub fn preview(preview: Preview, real_now_ms: f64) -> TimeSource {
        TimeSource {
            real_anchor_ms: real_now_ms,
            shown_anchor_ms: preview.from.timestamp_millis() as f64,
            speed: preview.speed,
        }
    }

    pub fn shown_ms(&self, real_ms: f64) -> f64 {
        self.shown_anchor_ms + (real_ms - self.real_anchor_ms) * self.speed
    }

    pub fn instant(&self, real_ms: f64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.shown_ms(real_ms).floor() as i64).unwrap_or_default()
    }

    /// Real milliseconds until shown time reaches its next whole second (at least 1).
    pub fn ms_to_next_second(&self, real_ms: f64) -> u32 {
        let into_second = self.shown_ms(real_ms).rem_euclid(1000.0);
        let real_wait = (1000.0 - into_second) / self.speed;
        real_wait.ceil().clamp(1.0, 1000.0) as u32
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn preview(from_ms: i64, speed: f64) -> Preview {
        Preview {
            from: DateTime::from_timestamp_millis(from_ms).expect("in range"),
            speed,
        }
    }

    #[test]
    fn real_time_is_the_identity() {
        assert_eq!(
            TimeSource::REAL.shown_ms(1_333_461_600_123.0),
            1_333_461_600_123.0
        );
        assert_eq!(
            TimeSource::REAL
                .instant(1_333_461_600_123.0)
                .timestamp_millis(),
            1_333_461_600_123
        );
    }

    #[test]
    fn ticks_land_on_second_boundaries() {
        let real = TimeSource::REAL;
        assert_eq!(real.ms_to_next_second(5_000.0), 1000);
        assert_eq!(real.ms_to_next_second(5_001.0), 999);
        assert_eq!(real.ms_to_next_second(5_999.0), 1);
        assert_eq!(real.ms_to_next_second(5_999.6), 1);
    }

    #[test]
    fn a_preview_starts_where_asked_and_runs_at_its_speed() {
        let source = TimeSource::preview(preview(1_000_000, 60.0), 50.0);
        assert_eq!(source.shown_ms(50.0), 1_000_000.0);
        assert_eq!(source.shown_ms(1_050.0), 1_060_000.0);
        // At 60x a shown second passes every 16.7 real ms.
        assert_eq!(source.ms_to_next_second(50.0), 17);
    }

    proptest! {
        #[test]
        fn the_next_tick_is_never_late_and_never_early(
            // `Date.now()` when the page opened (1973 to 2096), and real time since: up to
            // a month, far beyond a day replayed at any speed.
            opened in 1e11f64..4e12,
            since in 0.0f64..2.7e9,
            speed in prop_oneof![Just(1.0), 0.01f64..3600.0],
            from in 0i64..4_000_000_000_000,
        ) {
            let opened = opened.floor();
            let real = opened + since;
            let source = TimeSource::preview(preview(from, speed), opened);
            let wait = f64::from(source.ms_to_next_second(real));
            prop_assert!((1.0..=1000.0).contains(&wait));
            let shown = source.shown_ms(real);
            let boundary = ((shown / 1000.0).floor() + 1.0) * 1000.0;
            // What rounding in shown_ms itself may move shown time by, sped up: a few
            // units in the last place of each term (a fraction of a millisecond even at
            // 3600x after a month).
            let slack = 1e-3 + 4.0 * f64::EPSILON * (real * speed + shown.abs());
            // Not early: unless capped at a second, the tick lands in a later shown second
            // (at high speeds a millisecond timer may pass several).
            prop_assert!(wait == 1000.0 || source.shown_ms(real + wait) >= boundary - slack);
            // Not late: one millisecond less would not have reached it.
            prop_assert!(wait == 1.0 || source.shown_ms(real + wait - 1.0) < boundary + slack);
        }

        #[test]
        fn real_time_ticks_on_its_own_seconds(real in 0.0f64..4e12) {
            let wait = f64::from(TimeSource::REAL.ms_to_next_second(real));
            let boundary = ((real / 1000.0).floor() + 1.0) * 1000.0;
            prop_assert!(real + wait >= boundary);
            prop_assert!(wait == 1.0 || real + wait - 1.0 < boundary);
        }
    }
}
