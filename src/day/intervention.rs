//! The intervention timer: delegations speak for at most the programme's limit (3 minutes
//! here). Pure state on the shared clock, so previews and tests drive it like everything
//! else. Counted in whole seconds of that clock.

use chrono::{DateTime, TimeDelta, Utc};

/// The last stretch, shown in amber.
pub const WARNING: TimeDelta = TimeDelta::seconds(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Intervention {
    limit: TimeDelta,
    /// Time spoken before the current run.
    banked: TimeDelta,
    /// When the current run started, if running.
    since: Option<i64>,
}

/// What the timer shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Time left, more than [`WARNING`].
    Left(TimeDelta),
    /// Time left, [`WARNING`] or less.
    Ending(TimeDelta),
    /// The limit is reached; by how much it is passed.
    Over(TimeDelta),
}

impl Intervention {
    pub fn new(minutes: u32) -> Intervention {
        Intervention {
            limit: TimeDelta::minutes(i64::from(minutes)),
            banked: TimeDelta::zero(),
            since: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.since.is_some()
    }

    /// Starts a paused timer, pauses a running one.
    pub fn toggled(self, now: DateTime<Utc>) -> Intervention {
        match self.since {
            Some(_) => Intervention {
                banked: self.spoken(now),
                since: None,
                ..self
            },
            None => Intervention {
                since: Some(now.timestamp()),
                ..self
            },
        }
    }

    /// Back to the full limit, stopped.
    pub fn reset(self) -> Intervention {
        Intervention::new(0).with_limit(self.limit)
    }

    fn with_limit(self, limit: TimeDelta) -> Intervention {
        Intervention { limit, ..self }
    }

    /// Time spoken so far. A clock set back never makes it shrink below what was banked.
    pub fn spoken(&self, now: DateTime<Utc>) -> TimeDelta {
        let running = self
            .since
            .map_or(0, |since| (now.timestamp() - since).max(0));
        self.banked + TimeDelta::seconds(running)
    }

    pub fn reading(&self, now: DateTime<Utc>) -> Reading {
        let left = self.limit - self.spoken(now);
        if left <= TimeDelta::zero() {
            Reading::Over(-left)
        } else if left <= WARNING {
            Reading::Ending(left)
        } else {
            Reading::Left(left)
        }
    }
}

impl Reading {
    /// `2:59`, `0:00`, `+0:15`: never a negative time left.
    pub fn text(&self) -> String {
        let clock = |d: TimeDelta| {
            let s = d.num_seconds().max(0);
            format!("{}:{:02}", s / 60, s % 60)
        };
        match *self {
            Reading::Left(left) | Reading::Ending(left) => clock(left),
            Reading::Over(over) if over.is_zero() => clock(over),
            Reading::Over(over) => format!("+{}", clock(over)),
        }
    }

    /// The state's name, also its CSS class.
    pub fn name(&self) -> &'static str {
        match self {
            Reading::Left(_) => "left",
            Reading::Ending(_) => "ending",
            Reading::Over(_) => "over",
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_333_465_200 + s, 0).expect("in range")
    }

    #[test]
    fn counts_down_turns_amber_then_red_then_counts_the_overrun() {
        let timer = Intervention::new(3).toggled(at(0));
        assert_eq!(timer.reading(at(0)), Reading::Left(TimeDelta::seconds(180)));
        assert_eq!(timer.reading(at(0)).text(), "3:00");
        assert_eq!(timer.reading(at(149)).text(), "0:31");
        assert_eq!(timer.reading(at(149)).name(), "left");
        assert_eq!(timer.reading(at(150)).name(), "ending");
        assert_eq!(timer.reading(at(150)).text(), "0:30");
        assert_eq!(timer.reading(at(179)).text(), "0:01");
        assert_eq!(timer.reading(at(180)), Reading::Over(TimeDelta::zero()));
        assert_eq!(timer.reading(at(180)).text(), "0:00");
        assert_eq!(timer.reading(at(195)).text(), "+0:15");
        assert_eq!(timer.reading(at(180 + 3_600)).text(), "+60:00");
    }

    #[test]
    fn pauses_resumes_and_resets() {
        let timer = Intervention::new(3).toggled(at(0));
        let paused = timer.toggled(at(20));
        assert!(!paused.is_running());
        assert_eq!(paused.reading(at(500)).text(), "2:40");
        let resumed = paused.toggled(at(500));
        assert_eq!(resumed.reading(at(510)).text(), "2:30");
        let reset = resumed.reset();
        assert!(!reset.is_running());
        assert_eq!(reset.reading(at(9_999)).text(), "3:00");
    }

    #[test]
    fn a_clock_set_back_does_not_run_the_timer_backwards() {
        let timer = Intervention::new(3).toggled(at(100));
        assert_eq!(timer.reading(at(40)).text(), "3:00");
    }

    proptest! {
        #[test]
        fn never_shows_a_negative_time_left(start in 0i64..10_000, later in -100i64..100_000, minutes in 1u32..30) {
            let timer = Intervention::new(minutes).toggled(at(start));
            let text = timer.reading(at(start + later)).text();
            prop_assert!(!text.starts_with('-'));
            // Time left and time spoken always add up to the limit while under it.
            if let Reading::Left(left) | Reading::Ending(left) = timer.reading(at(start + later)) {
                prop_assert_eq!(left + timer.spoken(at(start + later)), TimeDelta::minutes(i64::from(minutes)));
            }
        }
    }
}
