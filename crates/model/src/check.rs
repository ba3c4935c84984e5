//! Reading and checking a programme file: run by the build script on `programme.toml`, so a
//! broken file stops the build, and by the tests. Never compiled into the bundle.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use chrono::{Offset, TimeZone};
use chrono_tz::Tz;

use std::borrow::Cow;

use crate::programme::{Format, List, Meeting, Session};
use crate::text::SourceText;
use crate::{Kind, Lang, Programme, Stamp, Text};

/// One thing wrong with a programme file, named precisely enough to find and fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// `meeting`, `format` or `session 3 ("panel-2")`; empty for a file that does not parse.
    pub place: String,
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.place.is_empty(), self.field.is_empty()) {
            (true, _) => write!(f, "{}", self.message),
            (false, true) => write!(f, "{}: {}", self.place, self.message),
            (false, false) => write!(
                f,
                "{}, field `{}`: {}",
                self.place, self.field, self.message
            ),
        }
    }
}

/// Parses and checks the text of a programme file.
pub fn parse(text: &str) -> Result<Programme<SourceText>, Vec<Problem>> {
    let programme: Programme<SourceText> = toml::from_str(text).map_err(|e| {
        vec![Problem {
            place: e
                .span()
                .and_then(|span| session_at(text, span.end))
                .unwrap_or_default(),
            field: "",
            message: e.to_string().trim_end().to_owned(),
        }]
    })?;
    let mut problems = check(&programme);
    let texts = texts(&programme);
    let given: BTreeSet<Lang> = texts
        .iter()
        .flat_map(|(_, _, text)| text.translations.iter().map(|(lang, _)| *lang))
        .collect();
    for (place, field, text) in &texts {
        for &lang in &given {
            let code = lang.code();
            match text.translation(lang) {
                None => problems.push(Problem {
                    place: place.clone(),
                    field,
                    message: format!(
                        "has no `{code}` translation, though other texts have one: give it, or remove `{code}` everywhere"
                    ),
                }),
                Some(t) if t.trim().is_empty() => problems.push(Problem {
                    place: place.clone(),
                    field,
                    message: format!(
                        "has an empty `{code}` translation: write it, or remove `{code}` everywhere"
                    ),
                }),
                Some(_) => {}
            }
        }
    }
    if problems.is_empty() {
        Ok(programme)
    } else {
        Err(problems)
    }
}

/// The programme as the bundle carries it: the originals, each with its slot in the
/// language files (its place in file order).
pub fn baked(programme: &Programme<SourceText>) -> Programme<Text> {
    let mut slot = 0u16;
    map_texts(programme, &mut |_, _, text| {
        let baked = Text {
            original: Cow::Owned(text.original.clone()),
            slot,
        };
        slot = slot.saturating_add(1);
        baked
    })
}

/// The programme's texts in slot order, by language: the originals, and the translations
/// the file gives (all of its texts then have them: [`parse`] checks).
pub fn translations(programme: &Programme<SourceText>) -> BTreeMap<Lang, Vec<String>> {
    let mut by_lang: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
    for (_, _, text) in texts(programme) {
        let originals = by_lang.entry(Lang::ORIGINAL).or_default();
        originals.push(text.original.clone());
        for (lang, translation) in &text.translations {
            by_lang.entry(*lang).or_default().push(translation.clone());
        }
    }
    by_lang
}

/// Every text of the programme in file order, with where it is (place and field).
fn texts<T: Clone + 'static>(programme: &Programme<T>) -> Vec<(String, &'static str, &T)> {
    let mut all = Vec::new();
    map_texts(programme, &mut |place, field, text| {
        all.push((place.to_owned(), field, text))
    });
    all
}

/// The same programme with each text replaced by `f(place, field, text)`, called in file
/// order: the one order of the slots.
fn map_texts<'p, T: Clone + 'static, U: Clone + 'static>(
    programme: &'p Programme<T>,
    f: &mut impl FnMut(&str, &'static str, &'p T) -> U,
) -> Programme<U> {
    let meeting = &programme.meeting;
    let place = "meeting";
    let title = f(place, "title", &meeting.title);
    let subtitle = meeting.subtitle.as_ref().map(|t| f(place, "subtitle", t));
    let venue = f(place, "venue", &meeting.venue);
    let time_zone_name = f(place, "time_zone_name", &meeting.time_zone_name);
    fn many<'p, T: Clone + 'static, U: Clone + 'static>(
        f: &mut impl FnMut(&str, &'static str, &'p T) -> U,
        place: &str,
        field: &'static str,
        list: &'p [T],
    ) -> List<U> {
        list.iter()
            .map(|t| f(place, field, t))
            .collect::<Vec<_>>()
            .into()
    }
    let in_cooperation_with = many(
        f,
        place,
        "in_cooperation_with",
        &meeting.in_cooperation_with,
    );
    let background = many(f, place, "background", &meeting.background);
    let objective = many(f, place, "objective", &meeting.objective);
    let meeting = Meeting {
        title,
        subtitle,
        venue,
        time_zone: meeting.time_zone.clone(),
        time_zone_name,
        in_cooperation_with,
        background,
        objective,
    };
    let format = &programme.format;
    let summary = f("format", "summary", &format.summary);
    let format = Format {
        summary,
        rules: many(f, "format", "rules", &format.rules),
        intervention_minutes: format.intervention_minutes,
    };
    let sessions = programme
        .sessions
        .iter()
        .enumerate()
        .map(|(index, session)| {
            let place = format!("session {} (\"{}\")", index + 1, session.id);
            let title = f(&place, "title", &session.title);
            let topic = session.topic.as_ref().map(|t| f(&place, "topic", t));
            let speaker = session.speaker.as_ref().map(|t| f(&place, "speaker", t));
            let themes_intro = session
                .themes_intro
                .as_ref()
                .map(|t| f(&place, "themes_intro", t));
            Session {
                id: session.id.clone(),
                kind: session.kind,
                title,
                topic,
                speaker,
                starts: session.starts,
                ends: session.ends,
                themes_intro,
                themes: many(f, &place, "themes", &session.themes),
            }
        })
        .collect::<Vec<_>>();
    Programme {
        meeting,
        format,
        sessions: sessions.into(),
    }
}

/// Everything wrong with a programme, in file order; empty when it is fine.
pub fn check<T: AsRef<str> + Clone + 'static>(programme: &Programme<T>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut problem = |place: &str, field: &'static str, message: String| {
        problems.push(Problem {
            place: place.to_owned(),
            field,
            message,
        })
    };

    let meeting = &programme.meeting;
    for (field, text) in [
        ("title", meeting.title.as_ref()),
        ("venue", meeting.venue.as_ref()),
        ("time_zone", meeting.time_zone.as_ref()),
        ("time_zone_name", meeting.time_zone_name.as_ref()),
    ] {
        if blank(text) {
            problem("meeting", field, "must not be empty".into());
        }
    }
    let zone: Option<Tz> = meeting.time_zone.parse().ok();
    if zone.is_none() && !blank(&meeting.time_zone) {
        problem(
            "meeting",
            "time_zone",
            format!(
                "`{}` is not an IANA time zone name such as America/New_York",
                meeting.time_zone
            ),
        );
    }

    let format = &programme.format;
    if blank(&format.summary) {
        problem("format", "summary", "must not be empty".into());
    }
    if format.intervention_minutes == 0 {
        problem(
            "format",
            "intervention_minutes",
            "must be at least 1".into(),
        );
    }

    let sessions = &programme.sessions;
    if sessions.is_empty() {
        problem("programme", "session", "lists no [[session]]".into());
    }
    let mut ids = HashSet::new();
    for (index, session) in sessions.iter().enumerate() {
        let place = format!("session {} (\"{}\")", index + 1, session.id);
        let place = place.as_str();
        if session.id.is_empty()
            || !session
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problem(
                place,
                "id",
                "must be lower-case letters, digits and hyphens, like `panel-1`".into(),
            );
        } else if !ids.insert(session.id.as_ref()) {
            problem(place, "id", "is used by an earlier session too".into());
        }
        if blank(&session.title) {
            problem(place, "title", "must not be empty".into());
        }
        for (field, text) in [
            ("topic", &session.topic),
            ("speaker", &session.speaker),
            ("themes_intro", &session.themes_intro),
        ] {
            if text.as_ref().is_some_and(blank) {
                problem(place, field, "must not be empty when given".into());
            }
        }
        if session.themes.iter().any(blank) {
            problem(place, "themes", "has an empty theme".into());
        }
        if session.ends <= session.starts {
            problem(
                place,
                "ends",
                format!(
                    "{} is not after `starts` {}",
                    session.ends.rfc3339(),
                    session.starts.rfc3339()
                ),
            );
        }
        if let Some(zone) = zone {
            for (field, stamp) in [("starts", session.starts), ("ends", session.ends)] {
                if let Some(expected) = zone_offset(zone, stamp)
                    && expected != stamp.offset
                {
                    problem(
                        place,
                        field,
                        format!(
                            "{} has UTC offset {}, but {} was at {} then",
                            stamp.rfc3339(),
                            offset_text(stamp.offset),
                            meeting.time_zone,
                            offset_text(expected)
                        ),
                    );
                }
            }
        }
        if let Some(previous) = index.checked_sub(1).map(|i| &sessions[i])
            && session.starts < previous.ends
        {
            problem(
                place,
                "starts",
                format!(
                    "{} is before the previous session \"{}\" ends at {}: sessions must be in order and must not overlap",
                    session.starts.rfc3339(),
                    previous.id,
                    previous.ends.rfc3339()
                ),
            );
        }
        let first_or_last = index == 0 || index + 1 == sessions.len();
        if session.kind == Kind::Break && first_or_last {
            problem(
                place,
                "kind",
                "a break must fall between two sessions".into(),
            );
        }
    }
    problems
}

/// `session 2 ("panel-1")` when byte `offset` of the file lies in a `[[session]]` table:
/// a syntax or type error then names the session as the checks do.
fn session_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let index = before
        .lines()
        .filter(|line| line.trim_start().starts_with("[[session]]"))
        .count()
        .checked_sub(1)?;
    let table: toml::Table = text.parse().ok()?;
    let id = table
        .get("session")?
        .get(index)?
        .get("id")
        .and_then(|id| id.as_str())
        .unwrap_or("?");
    Some(format!("session {} (\"{id}\")", index + 1))
}

fn blank(text: impl AsRef<str>) -> bool {
    text.as_ref().trim().is_empty()
}

fn zone_offset(zone: Tz, stamp: Stamp) -> Option<i32> {
    let utc = chrono::DateTime::from_timestamp(stamp.unix, 0)?.naive_utc();
    Some(zone.offset_from_utc_datetime(&utc).fix().local_minus_utc())
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = include_str!("../../../programme.toml");

    fn problems(text: &str) -> Vec<String> {
        match parse(text) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    /// The programme file with `old` replaced by `new` (which must change something).
    fn edited(old: &str, new: &str) -> String {
        assert!(
            FILE.contains(old),
            "the programme no longer contains {old:?}"
        );
        FILE.replacen(old, new, 1)
    }

    #[test]
    fn a_missing_field_names_it() {
        let text = edited(
            "ends = \"2012-04-03T13:00:00-04:00\"\n\n[session.title]",
            "\n[session.title]",
        );
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("session 2 (\"panel-1\"): TOML parse error"),
            "{found:?}"
        );
        assert!(found[0].contains("missing field `ends`"), "{found:?}");
    }

    #[test]
    fn an_end_before_the_start_names_session_and_field() {
        let text = edited(
            "ends = \"2012-04-03T11:00:00-04:00\"",
            "ends = \"2012-04-03T09:00:00-04:00\"",
        );
        assert_eq!(
            problems(&text),
            [
                "session 1 (\"opening\"), field `ends`: 2012-04-03T09:00:00-04:00 is not after `starts` 2012-04-03T10:00:00-04:00"
            ]
        );
    }

    #[test]
    fn overlapping_sessions_are_refused() {
        let text = edited(
            "starts = \"2012-04-03T15:00:00-04:00\"\nends = \"2012-04-03T17:45:00-04:00\"",
            "starts = \"2012-04-03T14:30:00-04:00\"\nends = \"2012-04-03T17:45:00-04:00\"",
        );
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("session 4 (\"panel-2\"), field `starts`: 2012-04-03T14:30:00-04:00 is before the previous session \"break\" ends at 2012-04-03T15:00:00-04:00"),
            "{found:?}"
        );
    }

    #[test]
    fn an_offset_the_zone_did_not_have_is_refused() {
        let text = edited(
            "starts = \"2012-04-03T10:00:00-04:00\"",
            "starts = \"2012-04-03T10:00:00-05:00\"",
        );
        let found = problems(&text);
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("session 1 (\"opening\"), field `starts`")
                    && p.contains("has UTC offset -05:00, but America/New_York was at -04:00")),
            "{found:?}"
        );
    }

    #[test]
    fn an_unknown_zone_is_refused() {
        let text = edited("\"America/New_York\"", "\"America/Gotham\"");
        assert_eq!(
            problems(&text),
            [
                "meeting, field `time_zone`: `America/Gotham` is not an IANA time zone name such as America/New_York"
            ]
        );
    }

    #[test]
    fn ids_must_be_unique_and_url_safe() {
        let text = edited("id = \"closing\"", "id = \"opening\"");
        assert_eq!(
            problems(&text),
            ["session 5 (\"opening\"), field `id`: is used by an earlier session too"]
        );
        let text = edited("id = \"closing\"", "id = \"Closing Remarks\"");
        assert_eq!(problems(&text).len(), 1);
    }

    #[test]
    fn empty_text_and_bad_times_are_refused() {
        let text = edited("en = \"Opening Remarks\"", "en = \"  \"");
        assert_eq!(
            problems(&text),
            ["session 1 (\"opening\"), field `title`: must not be empty"]
        );
        let text = edited("\"2012-04-03T18:00:00-04:00\"", "\"3 April, 6 pm\"");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("session 5 (\"closing\")"), "{found:?}");
        assert!(found[0].contains("is not an RFC 3339 time"), "{found:?}");
    }

    #[test]
    fn a_break_must_fall_between_sessions() {
        let text = edited("id = \"opening\"", "id = \"opening\"\nkind = \"break\"");
        assert_eq!(
            problems(&text),
            ["session 1 (\"opening\"), field `kind`: a break must fall between two sessions"]
        );
    }

    #[test]
    fn unknown_fields_are_typos_not_silence() {
        let text = edited("[session.speaker]", "[session.speakr]");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("session 1 (\"opening\")"), "{found:?}");
        assert!(found[0].contains("unknown field `speakr`"), "{found:?}");
    }

    #[test]
    fn every_text_has_every_language_the_file_gives() {
        let text = edited("ru = \"Перерыв\"\n", "");
        assert_eq!(
            problems(&text),
            [
                "session 3 (\"break\"), field `title`: has no `ru` translation, though other texts have one: give it, or remove `ru` everywhere"
            ]
        );
        let text = edited("zh = \"休会\"", "zh = \" \"");
        assert_eq!(
            problems(&text),
            [
                "session 3 (\"break\"), field `title`: has an empty `zh` translation: write it, or remove `zh` everywhere"
            ]
        );
    }

    #[test]
    fn a_translation_needs_a_known_language_and_the_original() {
        let found = problems(&edited("es = \"Pausa\"", "de = \"Pause\""));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("session 3 (\"break\")"), "{found:?}");
        assert!(
            found[0].contains("`de` is not a language of the page"),
            "{found:?}"
        );
        let found = problems(&edited("en = \"Break\"\n", ""));
        assert!(found[0].contains("no `en`, the original"), "{found:?}");
    }

    #[test]
    fn a_plain_string_is_an_untranslated_text() {
        // An organiser's file with no translations at all is fine.
        let minimal = "[meeting]\ntitle = \"T\"\nvenue = \"V\"\ntime_zone = \"UTC\"\ntime_zone_name = \"UTC\"\n\
            [format]\nsummary = \"S\"\nintervention_minutes = 2\n\
            [[session]]\nid = \"a\"\ntitle = \"A\"\nstarts = \"2030-01-01T10:00:00Z\"\nends = \"2030-01-01T11:00:00Z\"\n";
        let programme = parse(minimal).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(translations(&programme).len(), 1);
        // title, venue, time_zone_name, summary, then the session's title.
        assert_eq!(baked(&programme).sessions[0].title.slot, 4);
    }
}
