//! The day as an iCalendar file (RFC 5545) for delegates' own calendars: one event per
//! session (breaks are gaps, not appointments), times in UTC with the delay applied, texts
//! in the page's language.
//!
//! Written by hand rather than with the `icalendar` crate: that crate brings chrono's clock,
//! `uuid` and `iso8601` into the wasm for what is here a page of string building. Every
//! rule it would apply is below, and the tests read the output back with ical.js.

use chrono::{DateTime, Datelike, Timelike};

use crate::day::timeline::Delay;
use crate::i18n::Catalog;
use model::Lang;
use model::programme::{Kind, Programme, Session};

/// Lines are folded at 75 octets (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// What the file is for: one session, or the whole meeting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scope<'a> {
    Session(&'a Session),
    Meeting,
}

/// The file's name: `panel-1.ics`, or the meeting's day for the whole meeting.
pub fn file_name(programme: &Programme, scope: Scope<'_>) -> String {
    match scope {
        Scope::Session(session) => format!("{}.ics", session.id),
        Scope::Meeting => {
            let day = programme.sessions.first().map(|s| s.starts.date());
            format!("meeting-{}.ics", day.unwrap_or_default())
        }
    }
}

/// Where and when the file is made.
pub struct Made<'a> {
    /// The page's host, which makes each event's UID unique to it.
    pub host: &'a str,
    /// Seconds since the epoch, for DTSTAMP.
    pub now: i64,
    /// Said first in each event's description: the day running late, in the language.
    pub late: Option<String>,
}

/// The iCalendar text for `scope`.
pub fn ics(
    programme: &Programme,
    scope: Scope<'_>,
    delay: Delay,
    catalog: &Catalog,
    made: &Made<'_>,
) -> String {
    let sessions: Vec<&Session> = match scope {
        Scope::Session(session) => vec![session],
        Scope::Meeting => programme
            .sessions
            .iter()
            .filter(|s| s.kind == Kind::Session)
            .collect(),
    };
    let lang = catalog.lang();
    let language = if lang == Lang::ORIGINAL {
        String::new()
    } else {
        format!(";LANGUAGE={}", lang.code())
    };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//nownext//live programme//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
    ];
    let host = if made.host.is_empty() {
        "nownext"
    } else {
        made.host
    };
    let venue = catalog.text(&programme.meeting.venue);
    for session in sessions {
        // The delay is said only where it moved the session (one over before `since` kept
        // its times).
        let moved = (delay.starts(session), delay.ends(session)) != (session.starts, session.ends);
        let mut description: Vec<String> = made.late.iter().filter(|_| moved).cloned().collect();
        for text in [&session.topic, &session.speaker].into_iter().flatten() {
            description.push(catalog.text(text).to_owned());
        }
        if let Some(intro) = &session.themes_intro {
            description.push(catalog.text(intro).to_owned());
        }
        description.extend(
            session
                .themes
                .iter()
                .map(|t| format!("– {}", catalog.text(t))),
        );
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}-{}@{host}", session.id, session.starts.date()),
            format!("DTSTAMP:{}", utc(made.now)),
            format!("DTSTART:{}", utc(delay.starts(session).unix)),
            format!("DTEND:{}", utc(delay.ends(session).unix)),
            format!("SUMMARY{language}:{}", escape(catalog.text(&session.title))),
            format!("LOCATION{language}:{}", escape(venue)),
        ]);
        if !description.is_empty() {
            lines.push(format!(
                "DESCRIPTION{language}:{}",
                escape(&description.join("\n"))
            ));
        }
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| fold(line) + "\r\n").collect()
}

/// `20120403T140000Z`: a UTC date-time, the form every calendar reads.
fn utc(unix: i64) -> String {
    let at = DateTime::from_timestamp(unix, 0).unwrap_or_default();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks
/// written as `\n`, other control characters dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded into lines of at most 75 octets, each continuation starting with
/// a space, never splitting a character's UTF-8 bytes.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / LINE_OCTETS * 3);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            // The space counts toward the new line's octets.
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::fixtures;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    const LATE: &str = "Running 10 minutes late";

    /// The file in English, made at the epoch on `host`, saying `late` where it applies.
    fn english(
        programme: &Programme,
        scope: Scope<'_>,
        delay: Delay,
        host: &str,
        late: Option<&str>,
    ) -> String {
        let made = Made {
            host,
            now: 0,
            late: late.map(str::to_owned),
        };
        ics(programme, scope, delay, &Catalog::english(), &made)
    }

    /// `20120403T140000Z`, by chrono's own formatter rather than the file's code.
    fn utc_of(unix: i64) -> String {
        let at = DateTime::from_timestamp(unix, 0).expect("in range");
        at.format("%Y%m%dT%H%M%SZ").to_string()
    }

    /// A TEXT value as RFC 5545 escapes it, for texts without control characters.
    fn escaped(text: &str) -> String {
        text.replace('\\', "\\\\")
            .replace(';', "\\;")
            .replace(',', "\\,")
    }

    fn talks(p: &Programme) -> impl Iterator<Item = &Session> + Clone {
        p.sessions.iter().filter(|s| s.kind == Kind::Session)
    }

    #[test]
    fn one_session_in_utc_with_its_texts() {
        for (name, p) in fixtures::all() {
            for session in talks(p) {
                let text = english(p, Scope::Session(session), Delay::NONE, "example.org", None);
                assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
                assert!(text.ends_with("END:VCALENDAR\r\n"));
                let bare = text.replace("\r\n", "");
                assert!(!bare.contains('\n'), "{name}: only CRLF line ends");
                let text = unfold(&text);
                let line = |l: String| {
                    assert!(
                        text.contains(&format!("\r\n{l}\r\n")),
                        "{name}: {l}\n{text}"
                    )
                };
                line(format!(
                    "UID:{}-{}@example.org",
                    session.id,
                    session.starts.date()
                ));
                line(format!("DTSTART:{}", utc_of(session.starts.unix)));
                line(format!("DTEND:{}", utc_of(session.ends.unix)));
                line("DTSTAMP:19700101T000000Z".to_owned());
                line(format!("SUMMARY:{}", escaped(&session.title.original)));
                line(format!("LOCATION:{}", escaped(&p.meeting.venue.original)));
                if let Some(topic) = &session.topic {
                    assert!(
                        text.contains(&format!("DESCRIPTION:{}", escaped(&topic.original))),
                        "{name}"
                    );
                }
                assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
            }
        }
    }

    #[test]
    fn the_meeting_has_every_session_but_no_break() {
        for (name, p) in fixtures::all() {
            let text = english(p, Scope::Meeting, Delay::NONE, "", None);
            assert_eq!(
                text.matches("BEGIN:VEVENT").count(),
                talks(p).count(),
                "{name}"
            );
            for s in talks(p) {
                assert!(text.contains(&format!("UID:{}-{}@nownext", s.id, s.starts.date())));
            }
            for pause in p.sessions.iter().filter(|s| s.kind == Kind::Break) {
                assert!(!text.contains(&format!("UID:{}-", pause.id)), "{name}");
            }
            let first_day = p.sessions[0].starts.date();
            assert_eq!(
                file_name(p, Scope::Meeting),
                format!("meeting-{first_day}.ics")
            );
        }
    }

    #[test]
    fn a_delay_moves_the_times_and_is_said() {
        let delay = Delay {
            minutes: 10,
            since: None,
        };
        for (name, p) in fixtures::all() {
            let last = talks(p).last().expect("a session");
            let text = unfold(&english(p, Scope::Session(last), delay, "", Some(LATE)));
            assert!(
                text.contains(&format!("DTSTART:{}", utc_of(last.starts.unix + 600))),
                "{name}"
            );
            assert!(
                text.contains(&format!("DTEND:{}", utc_of(last.ends.unix + 600))),
                "{name}"
            );
            assert!(
                text.contains("DESCRIPTION:Running 10 minutes late"),
                "{name}"
            );
        }
    }

    #[test]
    fn only_the_sessions_the_delay_moved_say_it() {
        for (name, p) in fixtures::all() {
            let first = &p.sessions[0];
            let delay = Delay {
                minutes: 10,
                since: Some(first.ends.unix + 60),
            };
            let text = unfold(&english(p, Scope::Meeting, delay, "", Some(LATE)));
            let events: Vec<&str> = text.split("BEGIN:VEVENT").skip(1).collect();
            for (event, s) in events.iter().zip(talks(p)) {
                let moved = (delay.starts(s), delay.ends(s)) != (s.starts, s.ends);
                assert_eq!(event.contains(LATE), moved, "{name}, {}", s.id);
            }
            // The first session ended before the delay began; sessions of later days are
            // not late either.
            assert!(!events[0].contains(LATE), "{name}");
            let late = talks(p).filter(|s| s.day() == first.day() && s.ends.unix > first.ends.unix);
            assert_eq!(text.matches(LATE).count(), late.count(), "{name}");
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne\u{7}f"), r"a\;b\,c\\d\nef");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "Засідання ".repeat(20));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= LINE_OCTETS, "{} octets: {part}", part.len());
        }
        assert_eq!(unfold(&folded), line);
    }

    proptest! {
        #[test]
        fn any_text_folds_and_unfolds_to_itself(text in "\\PC{0,300}") {
            let line = format!("DESCRIPTION:{}", escape(&text));
            let folded = fold(&line);
            for part in folded.split("\r\n") {
                prop_assert!(part.len() <= LINE_OCTETS);
            }
            prop_assert_eq!(unfold(&folded), line);
        }

        #[test]
        fn escaped_text_has_no_bare_separators(text in "\\PC{0,100}") {
            let escaped = escape(&text);
            let mut chars = escaped.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    let next = chars.next();
                    prop_assert!(matches!(next, Some('\\' | ';' | ',' | 'n')), "{escaped}");
                } else {
                    prop_assert!(c != ';' && c != ',' && !c.is_control(), "{escaped}");
                }
            }
        }
    }
}
