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

/// How late the day runs: `minutes` added to everything not yet over at `since`.
///
/// A session that had ended by `since` keeps its times; one running at `since` keeps its
/// start and ends later; every later one starts and ends later. With no `since` the whole
/// day moves. Order and gaps are kept, so the day never overlaps itself.
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

    fn shift(&self, planned: Stamp) -> Stamp {
        if self.minutes > 0 && self.since.is_none_or(|since| planned.unix > since) {
            planned.shifted(TimeDelta::minutes(i64::from(self.minutes)))
        } else {
            planned
        }
    }

    /// When `session` starts, this delay applied.
    pub fn starts(&self, session: &Session) -> Stamp {
        self.shift(session.starts)
    }

    /// When `session` ends, this delay applied. A session running at `since` keeps its
    /// start and ends later.
    pub fn ends(&self, session: &Session) -> Stamp {
        self.shift(session.ends)
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
            // Nothing has begun: the whole day moves.
            Status::Before { .. } => None,
            Status::Live { session, .. }
            | Status::Break {
                entry: Some(session),
                ..
            } => Some(t.clamp(session.starts.unix, session.ends.unix - 1)),
            // In a gap: everything from the next session moves.
            Status::Break {
                entry: None,
                next: Some(next),
                ..
            } => Some(next.starts.unix - 1),
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
        }
    }

    /// What comes next: the opening before the day, the following session during it.
    pub fn next(&self) -> Option<&'p Session> {
        match *self {
            Status::Before { first, .. } => Some(first),
            Status::Live { next, .. } | Status::Break { next, .. } => next,
            Status::After { .. } => None,
        }
    }

    /// The running period, during the day.
    pub fn span(&self) -> Option<Span> {
        match *self {
            Status::Live { span, .. } | Status::Break { span, .. } => Some(span),
            Status::Before { .. } | Status::After { .. } => None,
        }
    }

    /// Time to the next change: the opening, or the end of what is on now.
    pub fn countdown(&self) -> Option<TimeDelta> {
        match *self {
            Status::Before { starts_in, .. } => Some(starts_in),
            Status::Live { span, .. } | Status::Break { span, .. } => Some(span.remaining),
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
    use crate::PROGRAMME;
    use model::check;

    fn at(unix: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(unix, 0).expect("in range")
    }

    fn rfc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn current_id(p: &Programme, t: i64) -> Option<&str> {
        status_at(p, Delay::NONE, at(t))
            .current()
            .map(|s| s.id.as_ref())
    }

    #[test]
    fn eleven_oclock_exactly_is_panel_one_not_the_opening() {
        let status = status_at(&PROGRAMME, Delay::NONE, rfc("2012-04-03T11:00:00-04:00"));
        let Status::Live {
            session,
            span,
            next,
        } = status
        else {
            panic!("{status:?}")
        };
        assert_eq!(session.id, "panel-1");
        assert_eq!(span.elapsed, TimeDelta::zero());
        assert_eq!(span.remaining, TimeDelta::hours(2));
        assert_eq!(next.map(|n| n.id.as_ref()), Some("break"));

        let before = status_at(&PROGRAMME, Delay::NONE, rfc("2012-04-03T10:59:59-04:00"));
        assert_eq!(before.current().map(|s| s.id.as_ref()), Some("opening"));
        assert_eq!(before.countdown(), Some(TimeDelta::seconds(1)));
    }

    #[test]
    fn every_boundary_of_the_day() {
        let sessions = &PROGRAMME.sessions;
        for (i, session) in sessions.iter().enumerate() {
            let (start, end) = (session.starts.unix, session.ends.unix);
            let previous = i.checked_sub(1).map(|i| sessions[i].id.as_ref());
            let next = sessions.get(i + 1).map(|s| s.id.as_ref());
            let id = Some(session.id.as_ref());
            // One second before the start belongs to the previous entry (or nothing).
            assert_eq!(
                current_id(&PROGRAMME, start - 1),
                previous,
                "{} -1s",
                session.id
            );
            assert_eq!(current_id(&PROGRAMME, start), id, "{} start", session.id);
            assert_eq!(
                current_id(&PROGRAMME, start + 1),
                id,
                "{} start +1s",
                session.id
            );
            assert_eq!(
                current_id(&PROGRAMME, end - 1),
                id,
                "{} end -1s",
                session.id
            );
            assert_eq!(current_id(&PROGRAMME, end), next, "{} end", session.id);

            let last_second = status_at(&PROGRAMME, Delay::NONE, at(end - 1));
            assert_eq!(last_second.countdown(), Some(TimeDelta::seconds(1)));
            let first_second = status_at(&PROGRAMME, Delay::NONE, at(start));
            assert_eq!(
                first_second.countdown(),
                Some(TimeDelta::seconds(end - start))
            );
            assert_eq!(first_second.span().map(|s| s.progress()), Some(0.0));
            assert_eq!(first_second.next().map(|s| s.id.as_ref()), next);
        }
    }

    #[test]
    fn the_break_is_a_break_and_says_what_resumes() {
        let status = status_at(&PROGRAMME, Delay::NONE, rfc("2012-04-03T14:00:00-04:00"));
        let Status::Break { entry, span, next } = status else {
            panic!("{status:?}")
        };
        assert_eq!(entry.map(|e| e.id.as_ref()), Some("break"));
        assert_eq!(span.remaining, TimeDelta::hours(1));
        assert_eq!(span.progress(), 0.5);
        assert_eq!(next.map(|n| n.id.as_ref()), Some("panel-2"));
    }

    #[test]
    fn before_and_after_the_day() {
        let opening = rfc("2012-04-03T10:00:00-04:00");
        let far = status_at(
            &PROGRAMME,
            Delay::NONE,
            opening - TimeDelta::days(3) - TimeDelta::minutes(5),
        );
        assert!(matches!(far, Status::Before { first, .. } if first.id == "opening"));
        assert_eq!(
            far.countdown(),
            Some(TimeDelta::days(3) + TimeDelta::minutes(5))
        );
        assert_eq!(far.current(), None);

        let last_second = status_at(&PROGRAMME, Delay::NONE, rfc("2012-04-03T17:59:59-04:00"));
        assert_eq!(
            last_second.current().map(|s| s.id.as_ref()),
            Some("closing")
        );
        assert_eq!(last_second.next(), None);

        let over = status_at(&PROGRAMME, Delay::NONE, rfc("2012-04-03T18:00:00-04:00"));
        assert!(matches!(over, Status::After { last: Some(l) } if l.id == "closing"));
        assert_eq!(over.countdown(), None);
        assert_eq!(
            ended_count(&PROGRAMME, Delay::NONE, rfc("2012-04-03T18:00:00-04:00")),
            5
        );
        assert_eq!(
            ended_count(&PROGRAMME, Delay::NONE, rfc("2012-04-03T17:59:59-04:00")),
            4
        );
    }

    #[test]
    fn sub_second_instants_count_as_their_whole_second() {
        let almost = rfc("2012-04-03T10:59:59.999-04:00");
        assert_eq!(
            status_at(&PROGRAMME, Delay::NONE, almost)
                .current()
                .map(|s| s.id.as_ref()),
            Some("opening")
        );
        assert_eq!(
            status_at(&PROGRAMME, Delay::NONE, almost).countdown(),
            Some(TimeDelta::seconds(1))
        );
    }

    /// A day with a gap the programme does not list as a break.
    fn with_gap() -> Programme {
        let text = include_str!("../programme.toml");
        let start = text
            .find("# The concept note leaves")
            .expect("break comment");
        let end = text.find("[[session]]\nid = \"panel-2\"").expect("panel 2");
        check::baked(&check::parse(&format!("{}{}", &text[..start], &text[end..])).expect("valid"))
    }

    #[test]
    fn an_unlisted_gap_is_a_break_until_the_next_session() {
        let programme = with_gap();
        let status = status_at(&programme, Delay::NONE, rfc("2012-04-03T13:00:00-04:00"));
        let Status::Break { entry, span, next } = status else {
            panic!("{status:?}")
        };
        assert_eq!(entry, None);
        assert_eq!(span.remaining, TimeDelta::hours(2));
        assert_eq!(next.map(|n| n.id.as_ref()), Some("panel-2"));
        assert_eq!(
            current_id(&programme, rfc("2012-04-03T15:00:00-04:00").timestamp()),
            Some("panel-2")
        );
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
            // The countdown ends exactly where the status changes.
            assert_eq!(
                status_at(p, Delay::NONE, at(change - 1)).phase(),
                status.phase()
            );
            assert_ne!(
                status_at(p, Delay::NONE, at(change)).phase(),
                status.phase()
            );
        }
    }

    fn ids_and_times(p: &Programme, delay: Delay) -> Vec<(String, String, String)> {
        p.sessions
            .iter()
            .map(|s| {
                (
                    s.id.to_string(),
                    delay.starts(s).wall_time(),
                    delay.ends(s).wall_time(),
                )
            })
            .collect()
    }

    fn day(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        rows.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn a_delay_moves_the_live_session_end_and_everything_after() {
        let since = rfc("2012-04-03T12:50:00-04:00").timestamp();
        let delay = Delay {
            minutes: 10,
            since: Some(since),
        };
        assert_eq!(
            ids_and_times(&PROGRAMME, delay),
            day(&[
                ("opening", "10:00", "11:00"),
                ("panel-1", "11:00", "13:10"),
                ("break", "13:10", "15:10"),
                ("panel-2", "15:10", "17:55"),
                ("closing", "17:55", "18:10"),
            ])
        );
        let status = status_at(&PROGRAMME, delay, rfc("2012-04-03T13:05:00-04:00"));
        assert_eq!(status.current().map(|s| s.id.as_ref()), Some("panel-1"));
        assert_eq!(status.countdown(), Some(TimeDelta::minutes(5)));
        let over = rfc("2012-04-03T18:09:59-04:00");
        assert_eq!(
            status_at(&PROGRAMME, delay, over)
                .current()
                .map(|s| s.id.as_ref()),
            Some("closing")
        );
    }

    #[test]
    fn a_delay_without_since_moves_the_whole_day() {
        let delay = Delay {
            minutes: 15,
            since: None,
        };
        assert_eq!(
            ids_and_times(&PROGRAMME, delay)[0],
            ("opening".into(), "10:15".into(), "11:15".into())
        );
        let status = status_at(&PROGRAMME, delay, rfc("2012-04-03T10:05:00-04:00"));
        assert!(matches!(status, Status::Before { .. }));
        assert_eq!(status.countdown(), Some(TimeDelta::minutes(10)));
    }

    #[test]
    fn steps_anchor_once_and_add_up() {
        let t = rfc("2012-04-03T12:50:00-04:00");
        let once = Delay::NONE.stepped(&PROGRAMME, 5, t);
        assert_eq!(
            once,
            Delay {
                minutes: 5,
                since: Some(t.timestamp())
            }
        );
        let twice = once.stepped(&PROGRAMME, 5, t + TimeDelta::minutes(14));
        // 13:04 is still Panel I (running to 13:05), so the anchor stays within it.
        assert_eq!(twice.minutes, 10);
        assert_eq!(
            status_at(&PROGRAMME, twice, t + TimeDelta::minutes(14))
                .current()
                .map(|s| s.id.as_ref()),
            Some("panel-1")
        );
        assert_eq!(
            twice.stepped(&PROGRAMME, -5, t).stepped(&PROGRAMME, -5, t),
            Delay::NONE
        );
        assert_eq!(Delay::NONE.stepped(&PROGRAMME, -5, t), Delay::NONE);
        let most = Delay {
            minutes: Delay::MAX_MINUTES,
            since: None,
        };
        assert_eq!(most.stepped(&PROGRAMME, 5, t).minutes, Delay::MAX_MINUTES);
    }

    #[test]
    fn a_later_step_keeps_what_already_ran_late() {
        let t = rfc("2012-04-03T12:50:00-04:00");
        let ten = Delay::NONE
            .stepped(&PROGRAMME, 5, t)
            .stepped(&PROGRAMME, 5, t);
        // Hours later, in Panel II: Panel I still shows that it ran to 13:10.
        let later = rfc("2012-04-03T15:20:00-04:00");
        let fifteen = ten.stepped(&PROGRAMME, 5, later);
        assert_eq!(fifteen.minutes, 15);
        let times = ids_and_times(&PROGRAMME, fifteen);
        assert_eq!(times[1], ("panel-1".into(), "11:00".into(), "13:15".into()));
        assert_eq!(times[3], ("panel-2".into(), "15:15".into(), "18:00".into()));
        assert_eq!(
            status_at(&PROGRAMME, fifteen, later)
                .current()
                .map(|s| s.id.as_ref()),
            Some("panel-2")
        );
        // Two minutes into the break, the same press must not bring Panel I back: the anchor
        // moves to the break.
        let in_break = rfc("2012-04-03T13:12:00-04:00");
        let moved = ten.stepped(&PROGRAMME, 5, in_break);
        assert_eq!(
            status_at(&PROGRAMME, moved, in_break)
                .current()
                .map(|s| s.id.as_ref()),
            Some("break")
        );
        assert_eq!(ids_and_times(&PROGRAMME, moved)[1].2, "13:00");
    }

    #[test]
    fn a_step_before_the_day_moves_all_of_it() {
        let early = rfc("2012-04-03T09:00:00-04:00");
        let delay = Delay::NONE.stepped(&PROGRAMME, 5, early);
        assert_eq!(delay.since, None);
        assert_eq!(delay.starts(&PROGRAMME.sessions[0]).wall_time(), "10:05");
    }

    proptest! {
        #[test]
        fn any_instant_has_one_consistent_status(offset in -3 * 86_400i64..4 * 86_400) {
            let t = PROGRAMME.sessions[0].starts.unix + offset;
            check_invariants(&PROGRAMME, t);
        }

        #[test]
        fn any_instant_of_a_day_with_a_gap(offset in -3_600i64..9 * 3_600) {
            let programme = with_gap();
            let t = programme.sessions[0].starts.unix + offset;
            check_invariants(&programme, t);
        }

        /// However late the day runs and from when, it stays in order without overlaps.
        #[test]
        fn a_delayed_day_stays_in_order(minutes in 0u32..=Delay::MAX_MINUTES, since in proptest::option::of(-7_200i64..36_000)) {
            let since = since.map(|s| PROGRAMME.sessions[0].starts.unix + s);
            let delay = Delay { minutes, since };
            let mut previous_end = i64::MIN;
            for s in PROGRAMME.sessions.iter() {
                let (starts, ends) = (delay.starts(s).unix, delay.ends(s).unix);
                prop_assert!(previous_end <= starts && starts < ends);
                prop_assert!(starts >= s.starts.unix && ends >= s.ends.unix);
                previous_end = ends;
            }
        }

        /// A press of + never brings back what has ended nor ends what is on; a press of −
        /// never brings back what has ended.
        #[test]
        fn a_step_keeps_the_past_and_the_present(
            minutes in 0u32..300,
            since in proptest::option::of(-7_200i64..36_000),
            offset in -3_600i64..14 * 3_600,
            step in prop_oneof![Just(5i32), Just(-5i32)],
            gap in any::<bool>(),
        ) {
            let programme = if gap { with_gap() } else { PROGRAMME.clone() };
            let first = programme.sessions[0].starts.unix;
            let before = Delay { minutes, since: since.map(|s| first + s) };
            let now = at(first + offset);
            let after = before.stepped(&programme, step, now);
            for s in programme.sessions.iter() {
                if before.ends(s).unix <= now.timestamp() {
                    prop_assert!(after.ends(s).unix <= now.timestamp(), "{} came back", s.id);
                }
            }
            let current = status_at(&programme, before, now).current().map(|s| s.id.clone());
            if step > 0 && current.is_some() {
                let still = status_at(&programme, after, now).current().map(|s| s.id.clone());
                prop_assert_eq!(still, current);
            }
        }
    }
}
