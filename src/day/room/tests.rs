//! The status file's rules and the precedence of delays. Times are taken from the
//! programme being built (its first session), never typed: any meeting passes.

use chrono::{DateTime, Utc};
use proptest::prelude::*;

use super::*;
use crate::PROGRAMME;

fn first_start() -> i64 {
    PROGRAMME.sessions[0].starts.unix
}

fn at(unix: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix, 0).expect("a time of the meeting")
}

fn rfc(unix: i64) -> String {
    PROGRAMME.stamp(unix).rfc3339()
}

fn published(version: u64, minutes: u32, at_unix: i64) -> Status {
    let text = format!(
        r#"{{"version": {version}, "published": "{}", "delay": {{"minutes": {minutes}}}}}"#,
        rfc(at_unix)
    );
    parse(&text, &PROGRAMME).expect("a good status")
}

#[test]
fn the_default_says_nothing() {
    let status = parse(
        r#"{"version": 0, "delay": {"minutes": 0}, "notices": []}"#,
        &PROGRAMME,
    );
    assert_eq!(status, Ok(Status::DEFAULT));
    assert_eq!(Status::DEFAULT.said(), None);
    assert_eq!(parse(r#"{"version": 0}"#, &PROGRAMME), Ok(Status::DEFAULT));
}

#[test]
fn a_full_status_reads_back() {
    let start = first_start();
    let text = format!(
        r#"{{"version": 7, "published": "{}", "delay": {{"minutes": 10, "since": "{}"}},
            "notices": [{{"text": "Room change", "until": "{}"}},
                        {{"text": {{"en": "Lunch", "fr": "Déjeuner", "ar": "غداء"}}}}]}}"#,
        rfc(start + 600),
        PROGRAMME.stamp(start + 300).wall_time(),
        rfc(start + 3600),
    );
    let status = parse(&text, &PROGRAMME).expect("a good status");
    assert_eq!(status.version, 7);
    assert_eq!(status.published, Some(at(start + 600)));
    assert_eq!(
        status.delay,
        Delay {
            minutes: 10,
            since: Some(start + 300)
        }
    );
    assert_eq!(status.notices[0].until, Some(start + 3600));
    assert_eq!(status.notices[1].text(Lang::Fr), "Déjeuner");
    assert_eq!(
        status.notices[1].text(Lang::Ru),
        "Lunch",
        "falls back to English"
    );
    assert_eq!(status.notices[0].text(Lang::Zh), "Room change");
}

/// Each rule refuses with its field named, and the message says what to write.
#[test]
fn every_rule_names_its_field() {
    let cases: &[(&str, &str)] = &[
        ("[]", ""),
        ("{}", "version"),
        (r#"{"version": -1}"#, "version"),
        (r#"{"version": 1.5}"#, "version"),
        (r#"{"version": "3"}"#, "version"),
        (r#"{"version": 9007199254740992}"#, "version"),
        (r#"{"version": 0, "colour": "red"}"#, "colour"),
        (r#"{"version": 2}"#, "published"),
        (
            r#"{"version": 2, "published": "2012-04-03 14:05"}"#,
            "published",
        ),
        (r#"{"version": 0, "delay": 10}"#, "delay"),
        (r#"{"version": 0, "delay": {}}"#, "delay.minutes"),
        (
            r#"{"version": 0, "delay": {"minutes": -5}}"#,
            "delay.minutes",
        ),
        (
            r#"{"version": 0, "delay": {"minutes": 1441}}"#,
            "delay.minutes",
        ),
        (
            r#"{"version": 0, "delay": {"minutes": 1e9}}"#,
            "delay.minutes",
        ),
        (
            r#"{"version": 0, "delay": {"minutes": 5, "since": "lunch"}}"#,
            "delay.since",
        ),
        (
            r#"{"version": 0, "delay": {"minutes": 5, "by": "chair"}}"#,
            "delay.by",
        ),
        (r#"{"version": 0, "notices": "none"}"#, "notices"),
        (r#"{"version": 0, "notices": [{}]}"#, "notices[0].text"),
        (
            r#"{"version": 0, "notices": [{"text": "  "}]}"#,
            "notices[0].text",
        ),
        (
            r#"{"version": 0, "notices": [{"text": "a", "colour": 1}]}"#,
            "notices[0].colour",
        ),
        (
            r#"{"version": 0, "notices": [{"text": "a", "until": 5}]}"#,
            "notices[0].until",
        ),
        (
            r#"{"version": 0, "notices": [{"text": {"fr": "a"}}]}"#,
            "notices[0].text",
        ),
        (
            r#"{"version": 0, "notices": [{"text": {"en": "a", "de": "b"}}]}"#,
            "notices[0].text.de",
        ),
        (
            r#"{"version": 0, "notices": [{"text": {"en": "a", "fr": 2}}]}"#,
            "notices[0].text.fr",
        ),
    ];
    for (text, field) in cases {
        let refused = parse(text, &PROGRAMME).expect_err(text);
        assert_eq!(refused.field, *field, "{text}: {refused}");
        assert!(refused.problem.len() > 8, "{text}: says why: {refused}");
    }
    let six = format!(
        r#"{{"version": 0, "notices": [{}]}}"#,
        [r#"{"text": "a"}"#; 6].join(",")
    );
    assert_eq!(
        parse(&six, &PROGRAMME).map_err(|e| e.field),
        Err("notices".into())
    );
    let long = format!(
        r#"{{"version": 0, "notices": [{{"text": "{}"}}]}}"#,
        "é".repeat(MAX_CHARS + 1)
    );
    assert_eq!(
        parse(&long, &PROGRAMME).map_err(|e| e.field),
        Err("notices[0].text".into())
    );
    let huge = format!(r#"{{"version": 0, "x": "{}"}}"#, " ".repeat(MAX_BYTES));
    assert!(
        parse(&huge, &PROGRAMME)
            .unwrap_err()
            .problem
            .contains("bytes")
    );
    for broken in [
        "",
        "{\"version\": 0",
        "<!doctype html><title>404</title>",
        "\u{feff}{}",
    ] {
        assert!(
            parse(broken, &PROGRAMME)
                .unwrap_err()
                .problem
                .starts_with("not JSON"),
            "{broken:?}"
        );
    }
}

/// The fixtures in tests/fixtures/status/ are what scripts/status's own checker is held to:
/// both must agree on every one.
#[test]
fn the_fixtures_agree_with_their_names() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/status");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("tests/fixtures/status") {
        let path = entry.expect("a fixture").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let verdict = parse(&text, &PROGRAMME);
        if name.starts_with("good-") {
            assert!(verdict.is_ok(), "{name}: {verdict:?}");
        } else if name.starts_with("bad-") {
            assert!(verdict.is_err(), "{name} is accepted");
        } else {
            continue;
        }
        seen += 1;
    }
    assert!(seen > 0, "no fixtures in {dir}");
}

#[test]
fn the_status_the_build_ships_is_good() {
    let text = include_str!("../../../status.json");
    assert!(parse(text, &PROGRAMME).is_ok());
}

#[test]
fn a_page_takes_only_newer_versions_from_its_present() {
    let start = first_start();
    let now = at(start);
    let five = published(5, 10, start);
    assert_eq!(five.follows(None, now), Ok(()));
    assert_eq!(published(6, 0, start).follows(Some(&five), now), Ok(()));
    assert_eq!(
        published(5, 20, start).follows(Some(&five), now),
        Err(Refusal::Same)
    );
    assert_eq!(
        published(4, 20, start).follows(Some(&five), now),
        Err(Refusal::Older)
    );
    let ahead = |s| published(6, 0, start + s).follows(Some(&five), now);
    assert_eq!(ahead(FUTURE_SECONDS), Ok(()));
    assert_eq!(ahead(FUTURE_SECONDS + 1), Err(Refusal::Future));
}

#[test]
fn notices_end_at_their_until() {
    let start = first_start();
    let text = format!(
        r#"{{"version": 0, "notices": [{{"text": "a", "until": "{}"}}, {{"text": "b"}}]}}"#,
        rfc(start)
    );
    let status = parse(&text, &PROGRAMME).expect("a good status");
    let shown = |t| {
        status
            .notices_at(at(t))
            .map(|n| n.original.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(start - 1), ["a", "b"]);
    assert_eq!(shown(start), ["b"]);
}

#[test]
fn the_newest_statement_of_the_delay_wins() {
    let start = first_start();
    let late = |minutes, since: Option<i64>| Delay { minutes, since };
    // An address without `since` counts from the meeting's start: any status published
    // during the day overrides it.
    let address = Said::by_address(late(10, None), &PROGRAMME);
    assert_eq!(address.at, start);
    let status = published(3, 20, start + 60).said();
    assert_eq!(newest(address, status).delay.minutes, 20);
    // An address delay set after the status was published keeps its own.
    let later = Said::by_address(late(15, Some(start + 120)), &PROGRAMME);
    assert_eq!(newest(later, status).delay.minutes, 15);
    // A tie goes to what every phone sees.
    let tie = Said::by_address(late(15, Some(start + 60)), &PROGRAMME);
    assert_eq!(newest(tie, status).delay.minutes, 20);
    // The default never overrides.
    assert_eq!(newest(address, Status::DEFAULT.said()), address);
    // An address without a delay says nothing: a status published before a meeting still
    // to come is followed.
    let silent = Said::by_address(Delay::NONE, &PROGRAMME);
    let early = published(3, 10, start - 3_600).said();
    assert_eq!(newest(silent, early).delay.minutes, 10);
    assert_eq!(newest(silent, Status::DEFAULT.said()).delay, Delay::NONE);
}

/// The file the projector shows reads back as what it states, notices kept.
#[test]
fn the_file_to_publish_reads_back() {
    let start = first_start();
    let text = format!(
        r#"{{"version": 9, "published": "{}", "notices": [{{"text": {{"en": "say \"hi\"\\", "zh": "换\n房"}}, "until": "{}"}}]}}"#,
        rfc(start),
        rfc(start + 60)
    );
    let last = parse(&text, &PROGRAMME).expect("a good status");
    let delay = Delay {
        minutes: 15,
        since: Some(start + 30),
    };
    let file = file_text(delay, start + 90, Some(&last), &PROGRAMME);
    let back = parse(&file, &PROGRAMME).expect(&file);
    assert_eq!(back.delay, delay);
    assert_eq!(back.notices, last.notices);
    assert_eq!(back.published, Some(at(start + 90)));
    assert!(back.follows(Some(&last), at(start + 90)).is_ok());
    let none = file_text(Delay::NONE, start, None, &PROGRAMME);
    assert_eq!(parse(&none, &PROGRAMME).map(|s| s.delay), Ok(Delay::NONE));
}

proptest! {
    /// Whatever the bytes, reading never panics, and what it accepts it can write again.
    #[test]
    fn reading_is_total(text in ".{0,300}") {
        let _ = parse(&text, &PROGRAMME);
    }

    #[test]
    fn any_text_survives_the_file_to_publish(texts in proptest::collection::vec("\\PC{1,40}", 0..=MAX_NOTICES), minutes in 0..=Delay::MAX_MINUTES) {
        let start = first_start();
        let notices: Vec<Notice> = texts
            .iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| Notice { original: t.trim().to_owned(), translations: vec![(Lang::Ar, t.trim().to_owned())], until: None })
            .collect();
        let last = Status { version: 1, published: Some(at(start)), delay: Delay::NONE, notices };
        let delay = Delay { minutes, since: None };
        let back = parse(&file_text(delay, start + 1, Some(&last), &PROGRAMME), &PROGRAMME);
        let back = back.expect("the file to publish is good");
        // Without `since`, a status speaks of the day it was published in: on a meeting of
        // several days, that day only.
        let day = PROGRAMME.day_at(start + 1).and_then(|d| d.first());
        let since = day.filter(|_| PROGRAMME.several_days() && minutes > 0).map(|s| s.starts.unix - 1);
        prop_assert_eq!(back.delay, Delay { minutes, since });
        prop_assert_eq!(back.notices, last.notices);
    }

    #[test]
    fn minutes_in_range_are_taken_and_the_rest_refused(minutes in -10_000i64..10_000) {
        let text = format!(r#"{{"version": 0, "delay": {{"minutes": {minutes}}}}}"#);
        let read = parse(&text, &PROGRAMME).map(|s| s.delay.minutes);
        if (0..=i64::from(Delay::MAX_MINUTES)).contains(&minutes) {
            prop_assert_eq!(read, Ok(minutes as u32));
        } else {
            prop_assert!(read.is_err());
        }
    }
}

#[test]
fn since_in_wall_time_and_in_rfc_3339_agree() {
    let start = first_start();
    let wall = PROGRAMME.stamp(start + 1800).wall_time();
    let a = parse(
        &format!(r#"{{"version": 0, "delay": {{"minutes": 5, "since": "{wall}"}}}}"#),
        &PROGRAMME,
    );
    let b = parse(
        &format!(
            r#"{{"version": 0, "delay": {{"minutes": 5, "since": "{}"}}}}"#,
            rfc(start + 1800)
        ),
        &PROGRAMME,
    );
    assert_eq!(a.map(|s| s.delay), b.map(|s| s.delay));
}

/// On a meeting of several days, a status speaks of the day it was published in: a time
/// alone is on that day, and a delay without `since` moves that day only.
#[test]
fn a_status_speaks_of_the_day_it_was_published_in() {
    let p = crate::fixtures::programme("two-days");
    let days: Vec<&[model::Session]> = p.days().collect();
    let (first, second) = (&days[0][0], &days[1][0]);
    let on_second = second.starts.unix + 3_600;
    let text = |delay: &str| {
        let published = p.stamp(on_second).rfc3339();
        format!(r#"{{"version": 3, "published": "{published}", "delay": {delay}}}"#)
    };
    let wall = p.stamp(second.starts.unix + 1_800).wall_time();
    let with_since = parse(
        &text(&format!(r#"{{"minutes": 10, "since": "{wall}"}}"#)),
        p,
    );
    let with_since = with_since.expect("a good status").delay;
    assert_eq!(with_since.since, Some(second.starts.unix + 1_800));
    let all_day = parse(&text(r#"{"minutes": 10}"#), p)
        .expect("a good status")
        .delay;
    assert_eq!(all_day.starts(second).unix, second.starts.unix + 600);
    assert_eq!(
        all_day.starts(first),
        first.starts,
        "the first day is not moved"
    );
    // Published the evening before, the same file speaks of the first day.
    let evening = p.stamp(days[0][days[0].len() - 1].ends.unix - 60).rfc3339();
    let before = format!(
        r#"{{"version": 3, "published": "{evening}", "delay": {{"minutes": 10, "since": "{wall}"}}}}"#
    );
    let since = parse(&before, p).expect("a good status").delay.since;
    // The fixture's days follow each other at the same UTC offset: a day earlier.
    assert_eq!(since, Some(second.starts.unix + 1_800 - 86_400));
}
