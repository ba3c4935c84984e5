//! The rules of the day: what is on at an instant, how long it still runs, what comes next.
//!
//! Pure functions of (programme, delay, instant), tested natively. Sessions are half-open
//! intervals, `[starts, ends)`: at the very second one session ends and the next starts, the
//! next is on. Everything works on whole seconds, so a display ticking on second boundaries
//! never shows a session as live with 0:00 left.

use chrono::{DateTime, TimeDelta, Utc};

use model::programme::{Kind, Programme, Session, Stamp};

/// What is happening at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status<'p> {
    /// The meeting has not begun; `first` opens it.
    Before {
        first: &'p Session,
        starts_in: TimeDelta,
    },
    /// A session is running.
    Live {
        session: &'p Session,
        span: Span,
        next: Option<&'p Session>,
    },
    /// Between sessions: a break listed in the programme (`entry`) or a gap it leaves.
    Break {
        entry: Option<&'p Session>,
        span: Span,
        next: Option<&'p Session>,
    },
    #[cfg(multi_day)]
    /// Between two days of the meeting: `next` opens the following one, `days` from the
    /// instant's own date (0 after midnight, 1 the evening before).
    Overnight {
        span: Span,
        next: &'p Session,
        days: i64,
    },
    /// The meeting is over; `last` closed it.
    After { last: Option<&'p Session> },
}

/// Where an instant sits within a period: how long since it began, how long until it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub starts: Stamp,
    pub ends: Stamp,
    pub elapsed: TimeDelta,
    pub remaining: TimeDelta,
}

impl Span {
    fn new(starts: Stamp, ends: Stamp, at: i64) -> Span {
        Span {
            starts,
            ends,
            elapsed: TimeDelta::seconds(at - starts.unix),
            remaining: TimeDelta::seconds(ends.unix - at),
        }
    }

    /// How far through the period we are, from 0 to 1.
    pub fn progress(&self) -> f64 {
        let total = (self.elapsed + self.remaining).num_seconds();
        if total <= 0 {
            return 1.0;
        }
        (self.elapsed.num_seconds() as f64 / total as f64).clamp(0.0, 1.0)
    }
}

/// How late the day runs: `minutes` added to everything not yet over at `since`, on the
/// day of `since`.
///
/// A session that had ended by `since` keeps its times; one running at `since` keeps its
/// start and ends later; every later one that day starts and ends later. The next day of
/// the meeting starts on time: a delay ends with its day. With no `since` the whole meeting
/// moves. Order and gaps are kept, so the day never overlaps itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delay {
    pub minutes: u32,
    /// Unix seconds, on the planned timeline.
    pub since: Option<i64>,
}

impl Delay {
    pub const NONE: Delay = Delay {
        minutes: 0,
        since: None,
    };
    /// More than this is not a delay but a different day.
    pub const MAX_MINUTES: u32 = 24 * 60;
    /// What one press of `+` or `−` changes.
    pub const STEP_MINUTES: u32 = 5;

    fn shift(&self, session: &Session, planned: Stamp) -> Stamp {
        let on_the_day = |since: i64| {
            let since = Stamp {
                unix: since,
                offset: session.starts.offset,
            };
            planned.unix > since.unix
                && (!crate::SEVERAL_DAYS || since.day_number() == session.starts.day_number())
        };
        if self.minutes > 0 && self.since.is_none_or(on_the_day) {
            planned.shifted(TimeDelta::minutes(i64::from(self.minutes)))
        } else {
            planned
        }
    }

    /// When `session` starts, this delay applied.
    pub fn starts(&self, session: &Session) -> Stamp {
        self.shift(session, session.starts)
    }

    /// When `session` ends, this delay applied. A session running at `since` keeps its
    /// start and ends later.
    pub fn ends(&self, session: &Session) -> Stamp {
        self.shift(session, session.ends)
    }

    /// One press of `+` (`step` > 0) or `−` at `at`: the rest of the day moves by `step`
    /// minutes, within 0 and [`Delay::MAX_MINUTES`]. What has ended stays ended and what is
    /// on stays on. The anchor stays where the delay began while that holds, so sessions
    /// that already ran late keep their late times; otherwise it moves to what is on now.
    pub fn stepped(self, programme: &Programme, step: i32, at: DateTime<Utc>) -> Delay {
        let minutes = self
            .minutes
            .saturating_add_signed(step)
            .min(Delay::MAX_MINUTES);
        if minutes == 0 {
            return Delay::NONE;
        }
        let kept = Delay {
            minutes,
            since: self.since,
        };
        if self.minutes > 0 && kept.keeps(self, programme, at) {
            return kept;
        }
        let t = at.timestamp();
        let since = match status_at(programme, self, at) {
            // Nothing has begun: the whole first day moves (the whole meeting, if it has
            // only one: the address then needs no `since`).
            Status::Before { first, .. } => {
                (crate::SEVERAL_DAYS && programme.several_days()).then_some(first.starts.unix - 1)
            }
            Status::Live { session, .. }
            | Status::Break {
                entry: Some(session),
                ..
            } => Some(t.clamp(session.starts.unix, session.ends.unix - 1)),
            // In a gap, or overnight: everything from the next session moves.
            Status::Break {
                entry: None,
                next: Some(next),
                ..
            } => Some(next.starts.unix - 1),
            #[cfg(multi_day)]
            Status::Overnight { next, .. } => Some(next.starts.unix - 1),
            Status::Break {
                entry: None,
                next: None,
                ..
            }
            | Status::After { .. } => Some(t),
        };
        Delay { minutes, since }
    }

    /// Whether moving from `before` to this delay at `at` leaves ended sessions ended and
    /// the current entry current.
    fn keeps(&self, before: Delay, programme: &Programme, at: DateTime<Utc>) -> bool {
        let t = at.timestamp();
        let past_kept = programme
            .sessions
            .iter()
            .all(|s| before.ends(s).unix > t || self.ends(s).unix <= t);
        let current = |delay| status_at(programme, delay, at).current().map(|s| &s.id);
        past_kept && current(*self) == current(before)
    }
}

/// What is happening in `programme`, running `delay` late, at `at` (counted in whole seconds).
pub fn status_at(programme: &Programme, delay: Delay, at: DateTime<Utc>) -> Status<'_> {
    let t = at.timestamp();
    let sessions = &programme.sessions;
    if let Some(first) = sessions.first()
        && t < delay.starts(first).unix
    {
        return Status::Before {
            first,
            starts_in: TimeDelta::seconds(delay.starts(first).unix - t),
        };
    }
    for (index, session) in sessions.iter().enumerate() {
        let next = sessions.get(index + 1);
        let (starts, ends) = (delay.starts(session), delay.ends(session));
        if starts.unix <= t && t < ends.unix {
            let span = Span::new(starts, ends, t);
            return match session.kind {
                Kind::Session => Status::Live {
                    session,
                    span,
                    next,
                },
                Kind::Break => Status::Break {
                    entry: Some(session),
                    span,
                    next,
                },
            };
        }
        if let Some(next) = next
            && ends.unix <= t
            && t < delay.starts(next).unix
        {
            #[cfg(multi_day)]
            if next.starts.day_number() != session.starts.day_number() {
                let starts = delay.starts(next);
                return Status::Overnight {
                    span: Span::new(ends, starts, t),
                    next,
                    days: starts.day_number() - programme.stamp(t).day_number(),
                };
            }
            return Status::Break {
                entry: None,
                span: Span::new(ends, delay.starts(next), t),
                next: Some(next),
            };
        }
    }
    Status::After {
        last: sessions.last(),
    }
}

impl<'p> Status<'p> {
    /// The programme entry that is on now, if any: the one to highlight.
    pub fn current(&self) -> Option<&'p Session> {
        match *self {
            Status::Live { session, .. } => Some(session),
            Status::Break { entry, .. } => entry,
            Status::Before { .. } | Status::After { .. } => None,
            #[cfg(multi_day)]
            Status::Overnight { .. } => None,
        }
    }

    /// What comes next: the opening before the day, the following session during it.
    pub fn next(&self) -> Option<&'p Session> {
        match *self {
            Status::Before { first, .. } => Some(first),
            #[cfg(multi_day)]
            Status::Overnight { next, .. } => Some(next),
            Status::Live { next, .. } | Status::Break { next, .. } => next,
            Status::After { .. } => None,
        }
    }

    /// The running period, during the day.
    pub fn span(&self) -> Option<Span> {
        match *self {
            Status::Live { span, .. } | Status::Break { span, .. } => Some(span),
            #[cfg(multi_day)]
            Status::Overnight { span, .. } => Some(span),
            Status::Before { .. } | Status::After { .. } => None,
        }
    }

    /// Time to the next change: the opening, or the end of what is on now.
    pub fn countdown(&self) -> Option<TimeDelta> {
        match *self {
            Status::Before { starts_in, .. } => Some(starts_in),
            Status::Live { span, .. } | Status::Break { span, .. } => Some(span.remaining),
            #[cfg(multi_day)]
            Status::Overnight { span, .. } => Some(span.remaining),
            Status::After { .. } => None,
        }
    }
}

/// A status without its running times: it changes only when something starts or ends, so
/// views keyed on it are rebuilt a few times a day, not every second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase<'p> {
    Before {
        first: &'p Session,
    },
    Live {
        session: &'p Session,
        next: Option<&'p Session>,
    },
    Break {
        entry: Option<&'p Session>,
        ends: Stamp,
        next: Option<&'p Session>,
    },
    #[cfg(multi_day)]
    Overnight {
        next: &'p Session,
        days: i64,
    },
    After {
        last: Option<&'p Session>,
    },
}

impl<'p> Status<'p> {
    pub fn phase(&self) -> Phase<'p> {
        match *self {
            Status::Before { first, .. } => Phase::Before { first },
            Status::Live { session, next, .. } => Phase::Live { session, next },
            Status::Break { entry, span, next } => Phase::Break {
                entry,
                ends: span.ends,
                next,
            },
            #[cfg(multi_day)]
            Status::Overnight { next, days, .. } => Phase::Overnight { next, days },
            Status::After { last } => Phase::After { last },
        }
    }
}

/// How many sessions have ended at `at`: the rows to show as past.
pub fn ended_count(programme: &Programme, delay: Delay, at: DateTime<Utc>) -> usize {
    let t = at.timestamp();
    programme
        .sessions
        .iter()
        .filter(|s| delay.ends(s).unix <= t)
        .count()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use chrono::DateTime;
    use proptest::prelude::*;

    use super::*;
    use crate::fixtures;

    fn at(unix: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(unix, 0).expect("in range")
    }

    fn current_id(p: &Programme, delay: Delay, t: i64) -> Option<&str> {
        status_at(p, delay, at(t)).current().map(|s| s.id.as_ref())
    }

    fn id(session: Option<&Session>) -> Option<&str> {
        session.map(|s| s.id.as_ref())
    }

    /// Two entries that follow each other on the same day, as (earlier, later).
    fn pairs(p: &Programme) -> impl Iterator<Item = (&Session, &Session)> {
        p.sessions.windows(2).map(|w| (&w[0], &w[1]))
    }

    #[test]
    fn every_boundary_of_every_programme() {
        for (name, p) in fixtures::all() {
            let sessions = &p.sessions;
            for (i, session) in sessions.iter().enumerate() {
                let (start, end) = (session.starts.unix, session.ends.unix);
                let here = format!("{name}, {}", session.id);
                // The instant before a start belongs to the previous entry only if it runs
                // right up to it; the end belongs to the next only if it starts right then.
                let before = i
                    .checked_sub(1)
                    .map(|j| &sessions[j])
                    .filter(|previous| previous.ends.unix == start);
                let after = sessions.get(i + 1).filter(|next| next.starts.unix == end);
                let on = Some(session.id.as_ref());
                let none = Delay::NONE;
                assert_eq!(current_id(p, none, start - 1), id(before), "{here} -1s");
                assert_eq!(current_id(p, none, start), on, "{here} start");
                assert_eq!(current_id(p, none, start + 1), on, "{here} +1s");
                assert_eq!(current_id(p, none, end - 1), on, "{here} end -1s");
                assert_eq!(current_id(p, none, end), id(after), "{here} end");

                let last_second = status_at(p, none, at(end - 1));
                assert_eq!(last_second.countdown(), Some(TimeDelta::seconds(1)));
                let first_second = status_at(p, none, at(start));
                assert_eq!(
                    first_second.countdown(),
                    Some(TimeDelta::seconds(end - start))
                );
                assert_eq!(first_second.span().map(|s| s.progress()), Some(0.0));
                assert_eq!(id(first_second.next()), id(sessions.get(i + 1)), "{here}");
            }
        }
    }

    #[test]
    fn a_listed_break_is_a_break_and_says_what_resumes() {
        let p = fixtures::programme("break");
        let (i, listed) = (p.sessions.iter().enumerate())
            .find(|(_, s)| s.kind == Kind::Break)
            .expect("the fixture lists a break");
        let middle = (listed.starts.unix + listed.ends.unix) / 2;
        let status = status_at(p, Delay::NONE, at(middle));
        let Status::Break { entry, span, next } = status else {
            panic!("{status:?}")
        };
        assert_eq!(id(entry), Some(listed.id.as_ref()));
        assert_eq!(span.remaining.num_seconds(), listed.ends.unix - middle);
        assert!((span.progress() - 0.5).abs() < 0.01);
        assert_eq!(id(next), id(p.sessions.get(i + 1)));
    }

    #[test]
    fn an_unlisted_gap_is_a_break_until_the_next_session() {
        let p = fixtures::programme("unlisted-gap");
        let (before, after) = pairs(p)
            .find(|(a, b)| a.ends < b.starts && a.day() == b.day())
            .expect("the fixture leaves a gap");
        let status = status_at(p, Delay::NONE, at(before.ends.unix));
        let Status::Break { entry, span, next } = status else {
            panic!("{status:?}")
        };
        assert_eq!(entry, None);
        assert_eq!(
            span.remaining.num_seconds(),
            after.starts.unix - before.ends.unix
        );
        assert_eq!(id(next), Some(after.id.as_ref()));
        let none = Delay::NONE;
        assert_eq!(
            current_id(p, none, after.starts.unix),
            Some(after.id.as_ref())
        );
    }

    /// Midnight after `stamp`'s day, on its wall clock.
    fn midnight_after(stamp: Stamp) -> i64 {
        let local = stamp.local();
        let next_day = local.date_naive().succ_opt().expect("a next day");
        next_day
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_local_timezone(*local.offset())
            .single()
            .expect("one instant")
            .timestamp()
    }

    #[test]
    fn between_days_the_meeting_resumes_with_a_countdown_across_the_night() {
        let mut nights = 0;
        for (name, p) in fixtures::all() {
            for (evening, morning) in pairs(p).filter(|(a, b)| a.day() != b.day()) {
                nights += 1;
                let here = format!("{name}, before {}", morning.id);
                let t = evening.ends.unix;
                let status = status_at(p, Delay::NONE, at(t));
                let Status::Overnight { span, next, days } = status else {
                    panic!("{here}: {status:?}")
                };
                assert_eq!(next.id, morning.id, "{here}");
                assert_eq!(
                    span.remaining.num_seconds(),
                    morning.starts.unix - t,
                    "{here}"
                );
                assert_eq!(days, (morning.day() - evening.day()).num_days(), "{here}");
                assert_eq!(
                    (status.current(), id(status.next())),
                    (None, Some(next.id.as_ref()))
                );
                // At midnight the morning is a day nearer, so the words change then.
                let midnight = midnight_after(evening.ends);
                let after = status_at(p, Delay::NONE, at(midnight));
                assert!(
                    matches!(after, Status::Overnight { days: d, .. } if d == days - 1),
                    "{here}: {after:?}"
                );
                assert_ne!(
                    after.phase(),
                    status_at(p, Delay::NONE, at(midnight - 1)).phase()
                );
                // The last second of the night counts down to the morning's start.
                let last = status_at(p, Delay::NONE, at(morning.starts.unix - 1));
                assert_eq!(last.countdown(), Some(TimeDelta::seconds(1)), "{here}");
            }
        }
        assert!(nights >= 4, "the fixtures have several nights");
    }

    #[test]
    fn a_meeting_of_one_day_never_goes_overnight() {
        for (name, p) in fixtures::all() {
            if p.several_days() {
                continue;
            }
            let (first, last) = (&p.sessions[0], &p.sessions[p.sessions.len() - 1]);
            for t in (first.starts.unix - 3_600..last.ends.unix + 3_600).step_by(60) {
                let status = status_at(p, Delay::NONE, at(t));
                assert!(
                    !matches!(status, Status::Overnight { .. }),
                    "{name}: {status:?}"
                );
            }
        }
    }

    #[test]
    fn before_and_after_the_meeting() {
        for (name, p) in fixtures::all() {
            let (first, last) = (&p.sessions[0], &p.sessions[p.sessions.len() - 1]);
            let early = first.starts.unix - 3 * 86_400 - 300;
            let far = status_at(p, Delay::NONE, at(early));
            assert!(
                matches!(far, Status::Before { first: f, .. } if f.id == first.id),
                "{name}"
            );
            assert_eq!(
                far.countdown(),
                Some(TimeDelta::days(3) + TimeDelta::minutes(5))
            );
            assert_eq!(far.current(), None);

            let last_second = status_at(p, Delay::NONE, at(last.ends.unix - 1));
            assert_eq!(id(last_second.current()), Some(last.id.as_ref()), "{name}");
            assert_eq!(last_second.next(), None);

            let over = status_at(p, Delay::NONE, at(last.ends.unix));
            assert!(
                matches!(over, Status::After { last: Some(l) } if l.id == last.id),
                "{name}"
            );
            assert_eq!(over.countdown(), None);
            let count = p.sessions.len();
            assert_eq!(ended_count(p, Delay::NONE, at(last.ends.unix)), count);
            assert_eq!(
                ended_count(p, Delay::NONE, at(last.ends.unix - 1)),
                count - 1
            );
        }
    }

    #[test]
    fn sub_second_instants_count_as_their_whole_second() {
        for (name, p) in fixtures::all() {
            let first = &p.sessions[0];
            let almost = at(first.ends.unix - 1) + TimeDelta::milliseconds(999);
            let status = status_at(p, Delay::NONE, almost);
            assert_eq!(id(status.current()), Some(first.id.as_ref()), "{name}");
            assert_eq!(status.countdown(), Some(TimeDelta::seconds(1)), "{name}");
        }
    }

    /// The session containing `t`, found the slow, obvious way.
    fn containing(p: &Programme, t: i64) -> Option<&Session> {
        p.sessions
            .iter()
            .find(|s| s.starts.unix <= t && t < s.ends.unix)
    }

    fn check_invariants(p: &Programme, t: i64) {
        let status = status_at(p, Delay::NONE, at(t));
        let first = p.sessions.first().expect("sessions");
        let last = p.sessions.last().expect("sessions");
        assert_eq!(
            matches!(status, Status::Before { .. }),
            t < first.starts.unix
        );
        assert_eq!(matches!(status, Status::After { .. }), t >= last.ends.unix);
        assert_eq!(
            status.current().map(|s| &s.id),
            containing(p, t).map(|s| &s.id)
        );
        if let Some(span) = status.span() {
            assert!(span.starts.unix <= t && t < span.ends.unix);
            assert_eq!(span.elapsed.num_seconds(), t - span.starts.unix);
            assert!(span.remaining >= TimeDelta::seconds(1));
            assert_eq!(
                span.elapsed + span.remaining,
                TimeDelta::seconds(span.ends.unix - span.starts.unix)
            );
            assert!((0.0..1.0).contains(&span.progress()));
        }
        // What comes next is the first entry starting after now.
        let expected_next = p.sessions.iter().find(|s| s.starts.unix > t);
        assert_eq!(status.next().map(|s| &s.id), expected_next.map(|s| &s.id));
        if let Some(countdown) = status.countdown() {
            let change = t + countdown.num_seconds();
            assert!(countdown > TimeDelta::zero());
            // The countdown ends exactly where what is on changes (overnight, the words
            // also change at midnight).
            let what = |t| {
                let status = status_at(p, Delay::NONE, at(t));
                (
                    std::mem::discriminant(&status),
                    status.current(),
                    status.next(),
                )
            };
            assert_eq!(what(change - 1), what(t));
            assert_ne!(what(change), what(t));
        }
    }

    fn one_of_the_programmes() -> impl Strategy<Value = (String, &'static Programme)> {
        proptest::sample::select(fixtures::all())
    }

    #[test]
    fn a_delay_moves_the_rest_of_its_day_and_no_further() {
        for (name, p) in fixtures::all() {
            for (i, session) in p.sessions.iter().enumerate() {
                let since = (session.starts.unix + session.ends.unix) / 2;
                let delay = Delay {
                    minutes: 10,
                    since: Some(since),
                };
                for (j, other) in p.sessions.iter().enumerate() {
                    let here = format!("{name}: since {}, {}", session.id, other.id);
                    let (starts, ends) = (delay.starts(other).unix, delay.ends(other).unix);
                    let (planned_starts, planned_ends) = (other.starts.unix, other.ends.unix);
                    if j < i || other.day() != session.day() {
                        assert_eq!((starts, ends), (planned_starts, planned_ends), "{here}");
                    } else if j == i {
                        assert_eq!(
                            (starts, ends),
                            (planned_starts, planned_ends + 600),
                            "{here}"
                        );
                    } else {
                        assert_eq!(
                            (starts, ends),
                            (planned_starts + 600, planned_ends + 600),
                            "{here}"
                        );
                    }
                }
                // Five minutes past its planned end, it is still on, for five more.
                let t = session.ends.unix + 300;
                let status = status_at(p, delay, at(t));
                assert_eq!(id(status.current()), Some(session.id.as_ref()), "{name}");
                assert_eq!(status.countdown(), Some(TimeDelta::minutes(5)), "{name}");
            }
        }
    }

    #[test]
    fn a_delay_without_since_moves_the_whole_meeting() {
        for (name, p) in fixtures::all() {
            let delay = Delay {
                minutes: 15,
                since: None,
            };
            for s in p.sessions.iter() {
                assert_eq!(delay.starts(s).unix, s.starts.unix + 900, "{name}");
                assert_eq!(delay.ends(s).unix, s.ends.unix + 900, "{name}");
            }
            let t = p.sessions[0].starts.unix + 300;
            let status = status_at(p, delay, at(t));
            assert!(matches!(status, Status::Before { .. }), "{name}");
            assert_eq!(status.countdown(), Some(TimeDelta::minutes(10)));
        }
    }

    #[test]
    fn steps_anchor_once_and_add_up() {
        for (name, p) in fixtures::all() {
            for session in p
                .sessions
                .iter()
                .filter(|s| s.ends.unix - s.starts.unix >= 1_200)
            {
                let here = format!("{name}, {}", session.id);
                // Ten minutes before its planned end.
                let t = at(session.ends.unix - 600);
                let once = Delay::NONE.stepped(p, 5, t);
                let anchored = Delay {
                    minutes: 5,
                    since: Some(t.timestamp()),
                };
                assert_eq!(once, anchored, "{here}");
                // Four minutes past its planned end it still runs (to five past), so the
                // anchor stays within it.
                let later = t + TimeDelta::minutes(14);
                let twice = once.stepped(p, 5, later);
                assert_eq!(twice.minutes, 10, "{here}");
                assert_eq!(
                    current_id(p, twice, later.timestamp()),
                    Some(session.id.as_ref())
                );
                let back = twice.stepped(p, -5, t).stepped(p, -5, t);
                assert_eq!(back, Delay::NONE, "{here}");
                assert_eq!(Delay::NONE.stepped(p, -5, t), Delay::NONE);
                let most = Delay {
                    minutes: Delay::MAX_MINUTES,
                    since: None,
                };
                assert_eq!(most.stepped(p, 5, t).minutes, Delay::MAX_MINUTES);
            }
        }
    }

    #[test]
    fn a_later_step_keeps_what_already_ran_late() {
        let mut seen = 0;
        for (name, p) in fixtures::all() {
            // A session, a listed break and a session, back to back.
            for w in p.sessions.windows(3) {
                let [talk, pause, resumed] = w else { continue };
                if pause.kind != Kind::Break
                    || talk.ends != pause.starts
                    || pause.ends != resumed.starts
                {
                    continue;
                }
                seen += 1;
                let t = at(talk.ends.unix - 600);
                let ten = Delay::NONE.stepped(p, 5, t).stepped(p, 5, t);
                // Later, in the session after the break: the first still ran 15 minutes late.
                let later = at(resumed.starts.unix + 1_200);
                let fifteen = ten.stepped(p, 5, later);
                assert_eq!(fifteen.minutes, 15, "{name}");
                assert_eq!(fifteen.ends(talk).unix, talk.ends.unix + 900, "{name}");
                assert_eq!(fifteen.starts(resumed).unix, resumed.starts.unix + 900);
                assert_eq!(
                    current_id(p, fifteen, later.timestamp()),
                    Some(resumed.id.as_ref())
                );
                // Two minutes into the break, the same press must not bring the first back:
                // the anchor moves to the break.
                let in_break = at(talk.ends.unix + 720);
                let moved = ten.stepped(p, 5, in_break);
                assert_eq!(
                    current_id(p, moved, in_break.timestamp()),
                    Some(pause.id.as_ref())
                );
                assert_eq!(moved.ends(talk), talk.ends, "{name}");
            }
        }
        assert!(seen > 0, "a fixture has a session, a break and a session");
    }

    #[test]
    fn a_step_before_the_meeting_moves_its_first_day() {
        for (name, p) in fixtures::all() {
            let first = &p.sessions[0];
            let early = at(first.starts.unix - 3_600);
            let delay = Delay::NONE.stepped(p, 5, early);
            for s in p.sessions.iter() {
                let moved = if s.day() == first.day() { 300 } else { 0 };
                assert_eq!(
                    delay.starts(s).unix,
                    s.starts.unix + moved,
                    "{name}, {}",
                    s.id
                );
            }
            // One day: the whole meeting, so the address needs no `since`.
            assert_eq!(delay.since.is_none(), !p.several_days(), "{name}");
        }
    }

    proptest! {
        #[test]
        fn any_instant_has_one_consistent_status(
            (_, p) in one_of_the_programmes(),
            offset in -86_400i64..6 * 86_400,
        ) {
            check_invariants(p, p.sessions[0].starts.unix + offset);
        }

        /// However late a day runs and from when, it stays in order without overlaps.
        #[test]
        fn a_delayed_day_stays_in_order(
            (name, p) in one_of_the_programmes(),
            minutes in 0u32..=Delay::MAX_MINUTES,
            since in proptest::option::of(-7_200i64..5 * 86_400),
        ) {
            let since = since.map(|s| p.sessions[0].starts.unix + s);
            let delay = Delay { minutes, since };
            for day in p.days() {
                let mut previous_end = i64::MIN;
                for s in day {
                    let (starts, ends) = (delay.starts(s).unix, delay.ends(s).unix);
                    prop_assert!(previous_end <= starts && starts < ends, "{name}, {}", s.id);
                    prop_assert!(starts >= s.starts.unix && ends >= s.ends.unix);
                    previous_end = ends;
                }
            }
        }

        /// A press of + never brings back what has ended nor ends what is on; a press of −
        /// never brings back what has ended.
        #[test]
        fn a_step_keeps_the_past_and_the_present(
            (name, p) in one_of_the_programmes(),
            minutes in 0u32..300,
            since in proptest::option::of(-7_200i64..5 * 86_400),
            offset in -3_600i64..5 * 86_400,
            step in prop_oneof![Just(5i32), Just(-5i32)],
        ) {
            let first = p.sessions[0].starts.unix;
            let before = Delay { minutes, since: since.map(|s| first + s) };
            let now = at(first + offset);
            let after = before.stepped(p, step, now);
            for s in p.sessions.iter() {
                if before.ends(s).unix <= now.timestamp() {
                    prop_assert!(after.ends(s).unix <= now.timestamp(), "{name}: {} came back", s.id);
                }
            }
            let current = status_at(p, before, now).current().map(|s| s.id.clone());
            if step > 0 && current.is_some() {
                let still = status_at(p, after, now).current().map(|s| s.id.clone());
                prop_assert_eq!(still, current, "{}", name);
            }
        }
    }
}
