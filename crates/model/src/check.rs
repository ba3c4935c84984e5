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
            problem("meeting", field, "must not be empty: write it".into());
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
        problem("format", "summary", "must not be empty: write it".into());
    }
    if format.intervention_minutes == 0 {
        problem(
            "format",
            "intervention_minutes",
            "must be at least 1: write the longest an intervention may last, in minutes, such as 3"
                .into(),
        );
    }

    let sessions = &programme.sessions;
    if sessions.is_empty() {
        problem(
            "programme",
            "session",
            "lists no [[session]]: add one, with id, title, starts and ends".into(),
        );
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
            problem(
                place,
                "id",
                "is used by an earlier session too: give each session its own".into(),
            );
        }
        if blank(&session.title) {
            problem(place, "title", "must not be empty: write it".into());
        }
        for (field, text) in [
            ("topic", &session.topic),
            ("speaker", &session.speaker),
            ("themes_intro", &session.themes_intro),
        ] {
            if text.as_ref().is_some_and(blank) {
                problem(
                    place,
                    field,
                    "must not be empty when given: write it, or leave the field out".into(),
                );
            }
        }
        if session.themes.iter().any(blank) {
            problem(
                place,
                "themes",
                "has an empty theme: write it, or remove it".into(),
            );
        }
        if session.ends <= session.starts {
            problem(
                place,
                "ends",
                format!(
                    "{} is not after `starts` {}: write when the session ends",
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
                            "{} has UTC offset {}, but {} was at {} on that day: write {}",
                            stamp.rfc3339(),
                            offset_text(stamp.offset),
                            meeting.time_zone,
                            offset_text(expected),
                            same_wall_time(stamp, expected)
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
                    "{} is before the previous session \"{}\" ends at {}: sessions must be in order and must not overlap, so start it at {} or later",
                    session.starts.rfc3339(),
                    previous.id,
                    previous.ends.rfc3339(),
                    previous.ends.rfc3339()
                ),
            );
        }
        let first_or_last = index == 0 || index + 1 == sessions.len();
        if session.kind == Kind::Break && first_or_last {
            problem(
                place,
                "kind",
                "a break must fall between two sessions: remove `kind`, or move the break".into(),
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

/// The wall time `stamp` was written with, at the UTC offset `offset`: what the organiser
/// most likely meant.
fn same_wall_time(stamp: Stamp, offset: i32) -> String {
    let wall = stamp.local().naive_local();
    chrono::FixedOffset::east_opt(offset)
        .and_then(|o| wall.and_local_timezone(o).single())
        .map_or_else(|| stamp.rfc3339(), |at| Stamp::from(at).rfc3339())
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-day meeting in all six languages, with a break: every field a check looks at.
    const FILE: &str = include_str!("../../../tests/fixtures/programmes/six-languages.toml");

    fn problems(text: &str) -> Vec<String> {
        match parse(text) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    /// The fixture with `old` replaced by `new` (which must change something).
    fn edited(old: &str, new: &str) -> String {
        assert!(FILE.contains(old), "the fixture no longer contains {old:?}");
        FILE.replacen(old, new, 1)
    }

    #[test]
    fn the_fixture_is_valid() {
        assert_eq!(problems(FILE), Vec::<String>::new());
    }

    /// Every check, once: the mistake, and the one line the build prints for it, naming
    /// where (meeting, format or the session), the field, and what to write instead.
    #[test]
    fn each_mistake_gets_one_message_saying_what_to_write() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "en = \"Bangkok\"",
                "en = \" \"",
                "meeting, field `time_zone_name`: must not be empty: write it",
            ),
            (
                "time_zone = \"Asia/Bangkok\"",
                "time_zone = \"Asia/Atlantis\"",
                "meeting, field `time_zone`: `Asia/Atlantis` is not an IANA time zone name such as America/New_York",
            ),
            (
                "en = \"Two sessions, each followed by questions from the floor.\"",
                "en = \"\"",
                "format, field `summary`: must not be empty: write it",
            ),
            (
                "intervention_minutes = 3",
                "intervention_minutes = 0",
                "format, field `intervention_minutes`: must be at least 1: write the longest an intervention may last, in minutes, such as 3",
            ),
            (
                "id = \"session-1\"",
                "id = \"Session 1\"",
                "session 2 (\"Session 1\"), field `id`: must be lower-case letters, digits and hyphens, like `panel-1`",
            ),
            (
                "id = \"session-2\"",
                "id = \"session-1\"",
                "session 4 (\"session-1\"), field `id`: is used by an earlier session too: give each session its own",
            ),
            (
                "en = \"Opening\"",
                "en = \"  \"",
                "session 1 (\"opening\"), field `title`: must not be empty: write it",
            ),
            (
                "en = \"Measuring water use\"",
                "en = \"\"",
                "session 2 (\"session-1\"), field `topic`: must not be empty when given: write it, or leave the field out",
            ),
            (
                "en = \"Household surveys\"",
                "en = \"\"",
                "session 2 (\"session-1\"), field `themes`: has an empty theme: write it, or remove it",
            ),
            (
                "ends = \"2027-05-26T10:00:00+07:00\"",
                "ends = \"2027-05-26T09:00:00+07:00\"",
                "session 1 (\"opening\"), field `ends`: 2027-05-26T09:00:00+07:00 is not after `starts` 2027-05-26T09:30:00+07:00: write when the session ends",
            ),
            (
                "starts = \"2027-05-26T09:30:00+07:00\"",
                "starts = \"2027-05-26T09:30:00+08:00\"",
                "session 1 (\"opening\"), field `starts`: 2027-05-26T09:30:00+08:00 has UTC offset +08:00, but Asia/Bangkok was at +07:00 on that day: write 2027-05-26T09:30:00+07:00",
            ),
            (
                "starts = \"2027-05-26T13:30:00+07:00\"\nends = \"2027-05-26T15:30:00+07:00\"",
                "starts = \"2027-05-26T13:00:00+07:00\"\nends = \"2027-05-26T15:30:00+07:00\"",
                "session 4 (\"session-2\"), field `starts`: 2027-05-26T13:00:00+07:00 is before the previous session \"lunch\" ends at 2027-05-26T13:30:00+07:00: sessions must be in order and must not overlap, so start it at 2027-05-26T13:30:00+07:00 or later",
            ),
            (
                "id = \"opening\"",
                "id = \"opening\"\nkind = \"break\"",
                "session 1 (\"opening\"), field `kind`: a break must fall between two sessions: remove `kind`, or move the break",
            ),
            (
                "ru = \"Закрытие\"\n",
                "",
                "session 5 (\"closing\"), field `title`: has no `ru` translation, though other texts have one: give it, or remove `ru` everywhere",
            ),
            (
                "zh = \"闭幕\"",
                "zh = \" \"",
                "session 5 (\"closing\"), field `title`: has an empty `zh` translation: write it, or remove `zh` everywhere",
            ),
        ];
        // The organiser's reference quotes each message as it is.
        let reference = include_str!("../../../docs/programme.md");
        for (old, new, expected) in cases {
            assert_eq!(problems(&edited(old, new)), [*expected], "{old} → {new}");
            assert!(
                reference.contains(expected),
                "docs/programme.md lacks {expected}"
            );
        }
        let none = FILE.find("[[session]]").map_or(FILE, |at| &FILE[..at]);
        let expected = "programme, field `session`: lists no [[session]]: add one, with id, title, starts and ends";
        assert_eq!(problems(none), [expected]);
        assert!(reference.contains(expected));
    }

    /// Mistakes the file's reader meets before the checks: each names the session and says
    /// what it expected.
    #[test]
    fn a_file_that_does_not_read_names_the_session_and_what_was_expected() {
        let cases: &[(&str, &str, &[&str])] = &[
            // A required field left out.
            (
                "ends = \"2027-05-26T12:00:00+07:00\"\n",
                "",
                &[
                    "session 2 (\"session-1\"): TOML parse error",
                    "missing field `ends`",
                ],
            ),
            // A typo in a field's name.
            (
                "[session.topic]\nen = \"Water",
                "[session.topik]\nen = \"Water",
                &["session 4 (\"session-2\")", "unknown field `topik`"],
            ),
            // A time that is not RFC 3339.
            (
                "\"2027-05-26T16:00:00+07:00\"",
                "\"26 May, 4 pm\"",
                &[
                    "session 5 (\"closing\")",
                    "is not an RFC 3339 time with its UTC offset, like 2012-04-03T10:00:00-04:00",
                ],
            ),
            // A language the page does not speak.
            (
                "es = \"Clausura\"",
                "de = \"Abschluss\"",
                &[
                    "session 5 (\"closing\")",
                    "`de` is not a language of the page: use ar, zh, en, fr, ru or es",
                ],
            ),
            // Translations without the original.
            (
                "en = \"Closing\"\n",
                "",
                &[
                    "session 5 (\"closing\")",
                    "no `en`, the original: add en = \"…\"",
                ],
            ),
            // A kind that is neither.
            (
                "kind = \"break\"",
                "kind = \"lunch\"",
                &[
                    "session 3 (\"lunch\")",
                    "unknown variant `lunch`, expected `session` or `break`",
                ],
            ),
        ];
        for (old, new, parts) in cases {
            let found = problems(&edited(old, new));
            assert_eq!(found.len(), 1, "{old} → {new}: {found:?}");
            for part in *parts {
                assert!(
                    found[0].contains(part),
                    "{old} → {new}: {found:?} lacks {part:?}"
                );
            }
        }
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

    #[test]
    fn slots_follow_the_file_and_translations_keep_them() {
        let programme = parse(FILE).unwrap_or_else(|p| panic!("{p:?}"));
        let baked = baked(&programme);
        let by_lang = translations(&programme);
        assert_eq!(by_lang.len(), 6);
        let originals = &by_lang[&Lang::ORIGINAL];
        assert_eq!(
            originals[usize::from(baked.meeting.title.slot)],
            baked.meeting.title.original
        );
        let last = baked.sessions.last().expect("a session");
        assert_eq!(originals[usize::from(last.title.slot)], last.title.original);
        for texts in by_lang.values() {
            assert_eq!(texts.len(), originals.len());
        }
    }

    #[test]
    fn the_references_minimal_meeting_is_the_fixture_that_passes() {
        let reference = include_str!("../../../docs/programme.md");
        let minimal = include_str!("../../../tests/fixtures/programmes/minimal.toml");
        let body: String = minimal
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            reference.contains(&format!("```toml\n{body}```")),
            "docs/programme.md shows another"
        );
        assert_eq!(problems(minimal), Vec::<String>::new());
    }

    #[test]
    fn every_fixture_passes_the_checks() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/programmes"
        );
        let mut count = 0;
        for entry in std::fs::read_dir(dir).expect("the fixtures") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).expect("readable");
                assert_eq!(problems(&text), Vec::<String>::new(), "{}", path.display());
                count += 1;
            }
        }
        assert!(count >= 9, "{count} fixtures");
    }
}
