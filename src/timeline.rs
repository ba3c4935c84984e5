//! The rules of the day: what is on at an instant, how long it still runs, what comes next.
//!
//! Pure functions of (programme, instant), tested natively. Sessions are half-open intervals,
//! `[starts, ends)`: at the very second one session ends and the next starts, the next is on.
//! Everything works on whole seconds, so a display ticking on second boundaries never shows
//! a session as live with 0:00 left.

use chrono::{DateTime, TimeDelta, Utc};

use crate::programme::{Kind, Programme, Session, Stamp};

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

/// What is happening in `programme` at `at` (counted in whole seconds).
pub fn status_at(programme: &Programme, at: DateTime<Utc>) -> Status<'_> {
    let t = at.timestamp();
    let sessions = &programme.sessions;
    if let Some(first) = sessions.first()
        && t < first.starts.unix
    {
        return Status::Before {
            first,
            starts_in: TimeDelta::seconds(first.starts.unix - t),
        };
    }
    for (index, session) in sessions.iter().enumerate() {
        let next = sessions.get(index + 1);
        if session.starts.unix <= t && t < session.ends.unix {
            let span = Span::new(session.starts, session.ends, t);
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
            && session.ends.unix <= t
            && t < next.starts.unix
        {
            return Status::Break {
                entry: None,
                span: Span::new(session.ends, next.starts, t),
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
pub fn ended_count(programme: &Programme, at: DateTime<Utc>) -> usize {
    let t = at.timestamp();
    programme
        .sessions
        .iter()
        .filter(|s| s.ends.unix <= t)
        .count()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use chrono::DateTime;
    use proptest::prelude::*;

    use super::*;
    use crate::PROGRAMME;
    use crate::programme::check;

    fn at(unix: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(unix, 0).expect("in range")
    }

    fn rfc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn current_id(p: &Programme, t: i64) -> Option<&str> {
        status_at(p, at(t)).current().map(|s| s.id.as_ref())
    }

    #[test]
    fn eleven_oclock_exactly_is_panel_one_not_the_opening() {
        let status = status_at(&PROGRAMME, rfc("2012-04-03T11:00:00-04:00"));
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

        let before = status_at(&PROGRAMME, rfc("2012-04-03T10:59:59-04:00"));
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

            let last_second = status_at(&PROGRAMME, at(end - 1));
            assert_eq!(last_second.countdown(), Some(TimeDelta::seconds(1)));
            let first_second = status_at(&PROGRAMME, at(start));
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
        let status = status_at(&PROGRAMME, rfc("2012-04-03T14:00:00-04:00"));
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
            opening - TimeDelta::days(3) - TimeDelta::minutes(5),
        );
        assert!(matches!(far, Status::Before { first, .. } if first.id == "opening"));
        assert_eq!(
            far.countdown(),
            Some(TimeDelta::days(3) + TimeDelta::minutes(5))
        );
        assert_eq!(far.current(), None);

        let last_second = status_at(&PROGRAMME, rfc("2012-04-03T17:59:59-04:00"));
        assert_eq!(
            last_second.current().map(|s| s.id.as_ref()),
            Some("closing")
        );
        assert_eq!(last_second.next(), None);

        let over = status_at(&PROGRAMME, rfc("2012-04-03T18:00:00-04:00"));
        assert!(matches!(over, Status::After { last: Some(l) } if l.id == "closing"));
        assert_eq!(over.countdown(), None);
        assert_eq!(ended_count(&PROGRAMME, rfc("2012-04-03T18:00:00-04:00")), 5);
        assert_eq!(ended_count(&PROGRAMME, rfc("2012-04-03T17:59:59-04:00")), 4);
    }

    #[test]
    fn sub_second_instants_count_as_their_whole_second() {
        let almost = rfc("2012-04-03T10:59:59.999-04:00");
        assert_eq!(
            status_at(&PROGRAMME, almost)
                .current()
                .map(|s| s.id.as_ref()),
            Some("opening")
        );
        assert_eq!(
            status_at(&PROGRAMME, almost).countdown(),
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
        check::parse(&format!("{}{}", &text[..start], &text[end..])).expect("valid")
    }

    #[test]
    fn an_unlisted_gap_is_a_break_until_the_next_session() {
        let programme = with_gap();
        let status = status_at(&programme, rfc("2012-04-03T13:00:00-04:00"));
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
        let status = status_at(p, at(t));
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
            assert_eq!(status_at(p, at(change - 1)).phase(), status.phase());
            assert_ne!(status_at(p, at(change)).phase(), status.phase());
        }
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
    }
}
