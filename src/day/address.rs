//! The page's address: what it asks for (`?at=` and `&speed=` to preview the day at another
//! instant, `?delay=` and `&since=` when the day runs late, `?lang=` for a language), and
//! the addresses the pages give each other. In the browser, [`crate::browser::location`]
//! is the only code that reads or writes it.
//!
//! Parsing is total: anything unreadable becomes a [`Notice`] and is ignored (the page then
//! shows real time, on time), never a panic. An unknown language is ignored silently: the
//! browser's own languages then choose. Unknown keys do nothing.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::day::timeline::Delay;
use model::Lang;
use model::programme::Programme;

/// The fastest a preview may run: one hour of the meeting per second.
pub const MAX_SPEED: u32 = 3600;
/// Values echoed back in a notice are cut to this many characters.
const ECHO_CHARS: usize = 40;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// `None` shows real time.
    pub preview: Option<Preview>,
    pub delay: Delay,
    /// The language the address asks for.
    pub lang: Option<Lang>,
    pub notices: Vec<Notice>,
}

/// Run the clock from `from`, `speed` times faster than real time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preview {
    pub from: DateTime<Utc>,
    pub speed: f64,
}

/// Something in the address that could not be used, and what was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    BadAt(String),
    BadSpeed(String),
    BadDelay(String),
    BadSince(String),
}

impl Notice {
    /// What was given, as echoed back.
    pub fn given(&self) -> &str {
        match self {
            Notice::BadAt(given)
            | Notice::BadSpeed(given)
            | Notice::BadDelay(given)
            | Notice::BadSince(given) => given,
        }
    }
}

/// Reads a query string (with or without its leading `?`).
pub fn parse(query: &str, programme: &Programme) -> Settings {
    let query = query.strip_prefix('?').unwrap_or(query);
    let [at, speed, delay, since] = ["at", "speed", "delay", "since"].map(|key| first(query, key));

    let mut settings = Settings {
        lang: first(query, "lang").as_deref().and_then(Lang::of_tag),
        ..Settings::default()
    };
    if let Some(delay) = delay {
        match (parse_minutes(&delay), since) {
            (None, _) => settings.notices.push(Notice::BadDelay(echo(&delay))),
            (Some(minutes), None) => {
                settings.delay = Delay {
                    minutes,
                    since: None,
                }
            }
            (Some(minutes), Some(since)) => match parse_at(&since, programme) {
                Some(since) => {
                    settings.delay = Delay {
                        minutes,
                        since: Some(since.timestamp()),
                    }
                }
                None => settings.notices.push(Notice::BadSince(echo(&since))),
            },
        }
    }

    let from = at.map(|given| parse_at(&given, programme).ok_or(given));
    let speed = speed.map(|given| parse_speed(&given).ok_or(given));
    match (from, speed) {
        (None, None) => {}
        (Some(Ok(from)), None) => settings.preview = Some(Preview { from, speed: 1.0 }),
        (Some(Ok(from)), Some(Ok(speed))) => settings.preview = Some(Preview { from, speed }),
        (None, Some(Ok(_))) => {
            // A speed alone has no instant to start from: nothing to preview.
        }
        (from, speed) => {
            if let Some(Err(given)) = from {
                settings.notices.push(Notice::BadAt(echo(&given)));
            }
            if let Some(Err(given)) = speed {
                settings.notices.push(Notice::BadSpeed(echo(&given)));
            }
        }
    }
    settings
}

/// The value of the first `key` in `query`, as URLSearchParams.get gives it.
fn first(query: &str, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, value)| value.into_owned())
}

/// Whole minutes of delay, from 0 to [`Delay::MAX_MINUTES`].
fn parse_minutes(given: &str) -> Option<u32> {
    let minutes = digits(given.trim(), 1..=4)?;
    (minutes <= Delay::MAX_MINUTES).then_some(minutes)
}

/// `base` (a query string) with every pair of `keys` taken out and `pairs` put in at the end.
fn replaced(base: &str, keys: &[&str], pairs: &[(&str, String)]) -> String {
    let base = base.strip_prefix('?').unwrap_or(base);
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(base.as_bytes()) {
        if !keys.contains(&key.as_ref()) {
            query.append_pair(&key, &value);
        }
    }
    query.extend_pairs(pairs);
    let query = query.finish();
    if query.is_empty() {
        query
    } else {
        format!("?{query}")
    }
}

/// The query for `base` (a query string) with `delay` in it instead of any delay it had:
/// what the projector writes into its address, and the phone link in its QR code.
pub fn with_delay(base: &str, delay: Delay, programme: &Programme) -> String {
    let mut pairs = Vec::new();
    if delay.minutes > 0 {
        pairs.push(("delay", delay.minutes.to_string()));
        if let Some(since) = delay.since {
            pairs.push(("since", programme.stamp(since).rfc3339()));
        }
    }
    replaced(base, &["delay", "since"], &pairs)
}

/// The query for `base` with `lang` instead of any language it named.
pub fn with_lang(base: &str, lang: Option<Lang>) -> String {
    let pairs: Vec<_> = lang
        .map(|l| ("lang", l.code().to_owned()))
        .into_iter()
        .collect();
    replaced(base, &["lang"], &pairs)
}

/// The phone page's query for what this page shows: its delay and the language its address
/// names, nothing else (a phone shows real time, and otherwise picks its own language).
pub fn phone_query(delay: Delay, lang: Option<Lang>, programme: &Programme) -> String {
    with_lang(&with_delay("", delay, programme), lang)
}

/// Where the phone page sends `?view=projector`: the projector page beside it, with the
/// rest of the query. `None` for any other query.
pub fn projector_redirect(query: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    if first(query, "view").as_deref() != Some("projector") {
        return None;
    }
    let mut rest = form_urlencoded::Serializer::new(String::new());
    rest.extend_pairs(form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != "view"));
    let rest = rest.finish();
    Some(if rest.is_empty() {
        "projector/".to_owned()
    } else {
        format!("projector/?{rest}")
    })
}

/// The phone page's path for the projector page at `path`: the folder that holds
/// `projector/`, so the pair works from the root and from any sub-path.
pub fn phone_path(projector_path: &str) -> String {
    let folder = projector_path
        .strip_suffix("index.html")
        .unwrap_or(projector_path);
    let folder = folder.strip_suffix('/').unwrap_or(folder);
    match folder.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/"),
        None => "/".to_owned(),
    }
}

/// `at` as an RFC 3339 instant, as a date and time on the meeting's wall clock, or as a time
/// of the meeting's first day: `2012-04-03T11:30:00-04:00`, `2012-04-03T11:30`, `11:30`,
/// `11:30:15`.
pub fn parse_at(given: &str, programme: &Programme) -> Option<DateTime<Utc>> {
    parse_at_on(given, programme, None)
}

/// The same, reading a time alone on `day` (a day of the meeting) rather than the first.
pub fn parse_at_on(
    given: &str,
    programme: &Programme,
    day: Option<NaiveDate>,
) -> Option<DateTime<Utc>> {
    let given = given.trim();
    if given.is_empty() || given.len() > 64 {
        return None;
    }
    // A `+` left unencoded in a query string arrives as a space.
    let text = match given.rsplit_once(' ') {
        Some((head, tail)) if head.contains('T') => format!("{head}+{tail}"),
        _ => given.to_owned(),
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(&text) {
        return Some(at.with_timezone(&Utc));
    }
    let first = programme.sessions.first()?;
    let wall = match text.split_once('T') {
        Some((date, time)) => wall_date(date)?.and_time(wall_time(time)?),
        None => day.unwrap_or(first.day()).and_time(wall_time(&text)?),
    };
    // The wall clock's UTC offset at that time: the programme's nearest to it, found from
    // the first day's (the two differ only across a change of summer time).
    let wall = wall.and_utc().timestamp();
    let offset = programme
        .stamp(wall - i64::from(first.starts.offset))
        .offset;
    DateTime::from_timestamp(wall - i64::from(offset), 0)
}

// The wall-clock forms are read by hand: chrono's strftime parser would add several
// kilobytes to the bundle for two fixed patterns.

/// `H:MM`, `HH:MM` or `HH:MM:SS`.
fn wall_time(text: &str) -> Option<NaiveTime> {
    let mut parts = text.split(':');
    let hour = digits(parts.next()?, 1..=2)?;
    let minute = digits(parts.next()?, 2..=2)?;
    let second = parts.next().map_or(Some(0), |s| digits(s, 2..=2))?;
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// `YYYY-MM-DD`.
fn wall_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let year = digits(parts.next()?, 4..=4)?;
    let month = digits(parts.next()?, 2..=2)?;
    let day = digits(parts.next()?, 2..=2)?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

fn digits(text: &str, count: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !count.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A plain decimal such as `60` or `0.5`, above 0 and at most [`MAX_SPEED`]. Read by hand:
/// the general float parser would cost the bundle several kilobytes for no gain.
fn parse_speed(given: &str) -> Option<f64> {
    let (whole, fraction) = given.trim().split_once('.').unwrap_or((given.trim(), ""));
    let plain = |s: &str| s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !plain(whole) || !plain(fraction) {
        return None;
    }
    let whole = if whole.is_empty() {
        0
    } else {
        whole.parse::<u32>().ok()?
    };
    let fraction = if fraction.is_empty() {
        0.0
    } else {
        f64::from(fraction.parse::<u32>().ok()?) / 10f64.powi(fraction.len() as i32)
    };
    let speed = f64::from(whole) + fraction;
    (speed > 0.0 && speed <= f64::from(MAX_SPEED)).then_some(speed)
}

/// The query that replays the meeting from just before it opens, an hour a minute: its
/// time alone for a meeting of one day, with the date for one of several.
pub fn replay_query(programme: &Programme) -> Option<String> {
    let first = programme.sessions.first()?;
    let from = first.starts.shifted(chrono::TimeDelta::minutes(-1));
    let at = if crate::SEVERAL_DAYS && programme.several_days() {
        format!("{}T{}", from.date(), from.wall_time())
    } else {
        from.wall_time()
    };
    Some(format!("?at={at}&speed=60"))
}

fn echo(given: &str) -> String {
    let mut cut: String = given.chars().take(ECHO_CHARS).collect();
    if cut.len() < given.len() {
        cut.push('…');
    }
    cut
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use chrono::Timelike;
    use proptest::prelude::*;

    use super::*;

    /// A meeting of two days with a change of summer time between them; its first day,
    /// 26 March 2027, is at UTC+01:00 and opens at 10:00.
    fn programme() -> &'static Programme {
        crate::fixtures::programme("dst-between-days")
    }

    fn rfc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn preview(query: &str) -> Option<Preview> {
        let settings = parse(query, programme());
        assert!(
            settings.notices.is_empty(),
            "{query}: {:?}",
            settings.notices
        );
        settings.preview
    }

    #[test]
    fn no_parameters_is_real_time() {
        assert_eq!(parse("", programme()), Settings::default());
        assert_eq!(parse("?", programme()), Settings::default());
        assert_eq!(parse("?x=1", programme()), Settings::default());
    }

    #[test]
    fn at_in_every_accepted_form() {
        let half_past = rfc("2027-03-26T11:30:00+01:00");
        for query in [
            "?at=11:30",
            "at=11:30:00",
            "?at=2027-03-26T11:30",
            "?at=2027-03-26T11:30:00",
            "?at=2027-03-26T11:30:00+01:00",
            "?at=2027-03-26T10:30:00Z",
            "?at=2027-03-26T10:30:00%2B00:00",
            // An unencoded `+` arrives as a space.
            "?at=2027-03-26T12:30:00+02:00",
            "?at=%2011:30%20",
            "?at=2027-03-26T11:30:00.000+01:00",
        ] {
            assert_eq!(
                preview(query),
                Some(Preview {
                    from: half_past,
                    speed: 1.0
                }),
                "{query}"
            );
        }
    }

    #[test]
    fn speed_runs_the_preview_faster() {
        assert_eq!(
            preview("?at=09:59&speed=60"),
            Some(Preview {
                from: rfc("2027-03-26T09:59:00+01:00"),
                speed: 60.0
            })
        );
        assert_eq!(preview("?at=10:00&speed=0.5").map(|p| p.speed), Some(0.5));
        assert_eq!(
            preview("?at=10:00&speed=3600").map(|p| p.speed),
            Some(3600.0)
        );
        assert_eq!(preview("?at=10:00&speed=.25").map(|p| p.speed), Some(0.25));
        assert_eq!(preview("?at=10:00&speed=2.").map(|p| p.speed), Some(2.0));
        assert_eq!(
            preview("?at=10:00&speed=%2010%20").map(|p| p.speed),
            Some(10.0)
        );
    }

    #[test]
    fn the_first_of_a_repeated_key_wins() {
        assert_eq!(
            preview("?at=12:00&at=nonsense").map(|p| p.from),
            Some(rfc("2027-03-26T12:00:00+01:00"))
        );
    }

    #[test]
    fn a_speed_alone_previews_nothing() {
        assert_eq!(parse("?speed=10", programme()), Settings::default());
    }

    #[test]
    fn bad_values_give_a_notice_and_real_time() {
        for (query, notices) in [
            ("?at=noon", vec![Notice::BadAt("noon".into())]),
            ("?at=25:00", vec![Notice::BadAt("25:00".into())]),
            ("?at=", vec![Notice::BadAt(String::new())]),
            (
                "?at=2012-02-30T10:00",
                vec![Notice::BadAt("2012-02-30T10:00".into())],
            ),
            ("?at=11:30:00:00", vec![Notice::BadAt("11:30:00:00".into())]),
            ("?at=11:3", vec![Notice::BadAt("11:3".into())]),
            ("?at=%2B11:30", vec![Notice::BadAt("+11:30".into())]),
            (
                "?at=12-04-03T11:30",
                vec![Notice::BadAt("12-04-03T11:30".into())],
            ),
            (
                "?at=11:30&speed=fast",
                vec![Notice::BadSpeed("fast".into())],
            ),
            ("?at=11:30&speed=0", vec![Notice::BadSpeed("0".into())]),
            ("?at=11:30&speed=-2", vec![Notice::BadSpeed("-2".into())]),
            ("?at=11:30&speed=NaN", vec![Notice::BadSpeed("NaN".into())]),
            ("?at=11:30&speed=inf", vec![Notice::BadSpeed("inf".into())]),
            (
                "?at=11:30&speed=3601",
                vec![Notice::BadSpeed("3601".into())],
            ),
            ("?speed=1e400", vec![Notice::BadSpeed("1e400".into())]),
            ("?at=11:30&speed=1e2", vec![Notice::BadSpeed("1e2".into())]),
            ("?at=11:30&speed=.", vec![Notice::BadSpeed(".".into())]),
            ("?at=11:30&speed=0.0", vec![Notice::BadSpeed("0.0".into())]),
            (
                "?at=11:30&speed=1.2.3",
                vec![Notice::BadSpeed("1.2.3".into())],
            ),
            (
                "?at=x&speed=y",
                vec![Notice::BadAt("x".into()), Notice::BadSpeed("y".into())],
            ),
        ] {
            let settings = parse(query, programme());
            assert_eq!(settings.preview, None, "{query}");
            assert_eq!(settings.notices, notices, "{query}");
        }
    }

    #[test]
    fn echoed_values_are_cut_short() {
        let long = "9".repeat(500);
        let settings = parse(&format!("?at={long}"), programme());
        let [Notice::BadAt(echo)] = settings.notices.as_slice() else {
            panic!("{settings:?}")
        };
        assert_eq!(echo.chars().count(), 41);
        assert!(echo.ends_with('…'));
    }

    #[test]
    fn a_date_and_time_reads_on_that_days_clock_across_a_change_of_summer_time() {
        // The second day is after the change: its wall clock is at UTC+02:00.
        for (query, expected) in [
            ("?at=2027-03-29T11:30", "2027-03-29T11:30:00+02:00"),
            ("?at=2027-03-26T11:30", "2027-03-26T11:30:00+01:00"),
            ("?at=11:30", "2027-03-26T11:30:00+01:00"),
        ] {
            assert_eq!(
                preview(query).map(|p| p.from),
                Some(rfc(expected)),
                "{query}"
            );
        }
    }

    #[test]
    fn the_replay_starts_a_minute_before_the_opening() {
        for (name, p) in crate::fixtures::all() {
            let query = replay_query(p).expect("a replay");
            let opening = p.sessions[0].starts;
            let from = opening.shifted(chrono::TimeDelta::minutes(-1));
            // The time alone for one day; with the date when there are several.
            let at = if p.several_days() {
                format!("{}T{}", from.date(), from.wall_time())
            } else {
                from.wall_time()
            };
            assert_eq!(query, format!("?at={at}&speed=60"), "{name}");
            let replay = parse(&query, p).preview.expect("a preview");
            assert_eq!(
                opening.instant() - replay.from,
                chrono::TimeDelta::minutes(1)
            );
            assert_eq!(replay.speed, 60.0);
        }
    }

    #[test]
    fn delay_and_since() {
        let settings = parse("?delay=10&since=12:50", programme());
        assert_eq!(settings.notices, []);
        assert_eq!(
            settings.delay,
            Delay {
                minutes: 10,
                since: Some(rfc("2027-03-26T12:50:00+01:00").timestamp())
            }
        );
        assert_eq!(
            parse("?delay=15", programme()).delay,
            Delay {
                minutes: 15,
                since: None
            }
        );
        assert_eq!(parse("?view=phone&x=1", programme()), Settings::default());
        assert_eq!(parse("?since=12:00", programme()), Settings::default());
    }

    #[test]
    fn bad_delays_are_ignored_with_a_notice() {
        for (query, notice) in [
            ("?delay=abc", Notice::BadDelay("abc".into())),
            ("?delay=-9999", Notice::BadDelay("-9999".into())),
            ("?delay=1441", Notice::BadDelay("1441".into())),
            ("?delay=99999999999", Notice::BadDelay("99999999999".into())),
            ("?delay=2.5", Notice::BadDelay("2.5".into())),
            ("?delay=10&since=lunch", Notice::BadSince("lunch".into())),
        ] {
            let settings = parse(query, programme());
            assert_eq!(settings.delay, Delay::NONE, "{query}");
            assert_eq!(settings.notices, [notice], "{query}");
        }
        assert_eq!(parse("?delay=1440", programme()).delay.minutes, 1440);
    }

    #[test]
    fn the_delay_round_trips_through_the_address() {
        let delay = Delay {
            minutes: 25,
            since: Some(rfc("2027-03-26T12:50:07+01:00").timestamp()),
        };
        let query = with_delay(
            "?view=projector&at=11:00&delay=5&lang=fr",
            delay,
            programme(),
        );
        assert_eq!(
            query,
            "?view=projector&at=11%3A00&lang=fr&delay=25&since=2027-03-26T12%3A50%3A07%2B01%3A00"
        );
        let back = parse(&query, programme());
        assert_eq!(back.delay, delay);
        assert_eq!(
            phone_query(delay, None, programme()),
            "?delay=25&since=2027-03-26T12%3A50%3A07%2B01%3A00"
        );
        assert_eq!(
            phone_query(delay, Some(Lang::Ar), programme()),
            "?delay=25&since=2027-03-26T12%3A50%3A07%2B01%3A00&lang=ar"
        );
        assert_eq!(phone_query(Delay::NONE, None, programme()), "");
        assert_eq!(
            with_delay("?view=projector&delay=5", Delay::NONE, programme()),
            "?view=projector"
        );
    }

    #[test]
    fn lang_names_a_language_or_is_ignored_silently() {
        let lang = |query: &str| parse(query, programme()).lang;
        assert_eq!(lang("?lang=fr"), Some(Lang::Fr));
        assert_eq!(lang("?lang=fr-CH"), Some(Lang::Fr));
        assert_eq!(lang("?lang=ZH-tw"), Some(Lang::Zh));
        assert_eq!(lang("?lang=ru&lang=fr"), Some(Lang::Ru));
        assert_eq!(lang("?at=11:00"), None);
        for query in [
            "?lang=xx",
            "?lang=%3Cscript%3E",
            "?lang=",
            "?lang=english",
            "?lang=%00",
        ] {
            assert_eq!(parse(query, programme()), Settings::default(), "{query}");
        }
    }

    #[test]
    fn the_language_is_written_into_the_address_in_place_of_any_other() {
        assert_eq!(
            with_lang("?lang=fr&at=11:00", Some(Lang::Ru)),
            "?at=11%3A00&lang=ru"
        );
        assert_eq!(with_lang("", Some(Lang::Zh)), "?lang=zh");
        assert_eq!(with_lang("?lang=fr", None), "");
        let query = with_lang("?delay=5", Some(Lang::Ar));
        assert_eq!(parse(&query, programme()).lang, Some(Lang::Ar));
    }

    #[test]
    fn the_phone_page_is_the_folder_above_the_projector() {
        assert_eq!(phone_path("/projector/"), "/");
        assert_eq!(phone_path("/projector"), "/");
        assert_eq!(phone_path("/projector/index.html"), "/");
        assert_eq!(phone_path("/nownext/projector/"), "/nownext/");
        assert_eq!(phone_path(""), "/");
    }

    #[test]
    fn view_projector_leads_to_the_projector_page() {
        assert_eq!(
            projector_redirect("?view=projector").as_deref(),
            Some("projector/")
        );
        assert_eq!(
            projector_redirect("?at=11:30&view=projector&delay=5").as_deref(),
            Some("projector/?at=11%3A30&delay=5")
        );
        assert_eq!(projector_redirect("?view=phone"), None);
        assert_eq!(projector_redirect(""), None);
    }

    proptest! {
        #[test]
        fn any_query_is_read_without_panic(query in any::<String>()) {
            let settings = parse(&query, programme());
            prop_assert!(settings.delay.minutes <= Delay::MAX_MINUTES);
            if let Some(p) = settings.preview {
                prop_assert!(p.speed.is_finite() && p.speed > 0.0 && p.speed <= f64::from(MAX_SPEED));
            }
            for notice in &settings.notices {
                prop_assert!(notice.given().chars().count() <= ECHO_CHARS + 1);
            }
        }

        #[test]
        fn any_at_and_speed_values(at in "[0-9:T+ Z.-]{0,30}", speed in "[0-9.eE+-]{0,8}") {
            let settings = parse(&format!("?at={at}&speed={speed}"), programme());
            // Either a usable preview or real time with a notice saying why.
            prop_assert!(settings.preview.is_some() == settings.notices.is_empty());
        }

        #[test]
        fn every_wall_time_of_the_day_round_trips(h in 0u32..24, m in 0u32..60, s in 0u32..60) {
            let from = preview(&format!("?at={h:02}:{m:02}:{s:02}")).expect("preview").from;
            let first = programme().sessions.first().expect("a session");
            let wall = programme().stamp(from.timestamp()).local();
            prop_assert_eq!(wall.date_naive(), first.day());
            prop_assert_eq!((wall.hour(), wall.minute(), wall.second()), (h, m, s));
        }
    }
}
