//! What the room publishes beside the page, `status.json`: how late the day runs, short
//! notices, and a version (the format: `docs/status.md`). Open pages check it while they
//! are shown ([`web`]), so a delay announced at 14:10 reaches a phone opened at 10:00.
//!
//! Reading is total and all or nothing: a file that breaks any rule is refused whole with
//! an [`Error`] naming the field, and the page keeps what it had. The JSON itself is read by
//! the browser's own `JSON.parse` in the page (no JSON crate in the bundle) and by
//! serde_json natively; both give a [`Json`] tree that one checker reads.

use chrono::{DateTime, Utc};

use crate::day::address::parse_at_on;
use crate::day::timeline::Delay;
use model::Lang;
use model::programme::{Programme, Session};

/// A file larger than this is refused unread: a status is a few hundred bytes.
pub const MAX_BYTES: usize = 16 * 1024;
pub const MAX_NOTICES: usize = 5;
/// Characters in one language's text of a notice: a line on a phone, two on the projector.
pub const MAX_CHARS: usize = 280;
/// The largest whole number JSON readers everywhere keep exact (2^53 − 1).
pub const MAX_VERSION: u64 = (1 << 53) - 1;
/// A status published further than this ahead of the reader's clock is refused: one dated
/// next year would otherwise outrank every later delay. An hour forgives a clock set wrong.
pub const FUTURE_SECONDS: i64 = 60 * 60;

/// One published status, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Larger for each publication; 0 is the build's default, which says nothing.
    pub version: u64,
    pub published: Option<DateTime<Utc>>,
    pub delay: Delay,
    pub notices: Vec<Notice>,
}

impl Status {
    /// What the build ships: on time, no notice, nothing published.
    pub const DEFAULT: Status = Status {
        version: 0,
        published: None,
        delay: Delay::NONE,
        notices: Vec::new(),
    };

    /// The delay this status states, and when; `None` for the default, which states nothing.
    pub fn said(&self) -> Option<Said> {
        match (self.version, self.published) {
            (0, _) | (_, None) => None,
            (_, Some(at)) => Some(Said {
                delay: self.delay,
                at: at.timestamp(),
            }),
        }
    }

    /// Whether a page that has applied `last` (or none) takes this status at `now`.
    pub fn follows(&self, last: Option<&Status>, now: DateTime<Utc>) -> Result<(), Refusal> {
        if let Some(last) = last.filter(|last| self.version <= last.version) {
            return Err(if self.version == last.version {
                Refusal::Same
            } else {
                Refusal::Older
            });
        }
        match self.published {
            Some(at) if at.timestamp() > now.timestamp() + FUTURE_SECONDS => Err(Refusal::Future),
            _ => Ok(()),
        }
    }

    /// The notices still running at `now`.
    pub fn notices_at(&self, now: DateTime<Utc>) -> impl Iterator<Item = &Notice> {
        let now = now.timestamp();
        self.notices
            .iter()
            .filter(move |n| n.until.is_none_or(|until| now < until))
    }
}

/// Why a page keeps what it had rather than take a well-formed status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The one it has: nothing changed.
    Same,
    /// An older version than one already applied (a stale copy from a cache).
    Older,
    /// Published more than [`FUTURE_SECONDS`] ahead of the reader's clock.
    Future,
}

/// A short notice from the room: "Panel II now in Conference Room 4".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The English text, or the one text for every language.
    pub original: String,
    pub translations: Vec<(Lang, String)>,
    /// Unix seconds after which it is no longer shown.
    pub until: Option<i64>,
}

impl Notice {
    /// The text in `lang`, or the original where it has none.
    pub fn text(&self, lang: Lang) -> &str {
        self.translations
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.original, |(_, text)| text)
    }
}

/// A statement of how late the day runs, and when it was made (Unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Said {
    pub delay: Delay,
    pub at: i64,
}

impl Said {
    /// The address's `?delay=`, as of its `&since=` or, without one, of the meeting's start.
    /// An address without a delay says nothing: any status published wins, even one
    /// published before a meeting still to come.
    pub fn by_address(delay: Delay, programme: &Programme) -> Said {
        let start = programme.sessions.first().map_or(0, |s| s.starts.unix);
        let at = match delay {
            Delay::NONE => i64::MIN,
            Delay { since, .. } => since.unwrap_or(start),
        };
        Said { delay, at }
    }
}

/// The delay the page shows: the newest statement wins, so a phone that scanned an old QR
/// code still follows the room, and the projector's `+` still moves its own screen. A tie
/// goes to the published status: what every phone sees.
pub fn newest(own: Said, published: Option<Said>) -> Said {
    match published {
        Some(published) if published.at >= own.at => published,
        _ => own,
    }
}

/// A JSON value, as `JSON.parse` or serde_json read it. Numbers are `f64` as in JavaScript.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// In file order; a repeated key counts once, its last value, as in `JSON.parse`.
    Object(Vec<(String, Json)>),
}

/// What is wrong with a status file: the field (`notices[1].text.fr`) and the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub field: String,
    pub problem: String,
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.field, self.problem)
        }
    }
}

/// A rule's words, natively (the build's check, the tests). The page only logs the field a
/// file broke: the words and their formatting would cost the bundle kilobytes.
macro_rules! why {
    ($words:literal $(, $value:expr)* $(,)?) => {{
        #[cfg(not(target_arch = "wasm32"))]
        let words = format!($words $(, $value)*);
        #[cfg(target_arch = "wasm32")]
        let words = {
            $(let _ = &$value;)*
            String::new()
        };
        words
    }};
}

fn error(field: &str, problem: impl Into<String>) -> Error {
    Error {
        field: field.to_owned(),
        problem: problem.into(),
    }
}

const TIME_FORMS: &str =
    "a time such as \"14:05\", \"2012-04-03T14:05\" or RFC 3339 with an offset";

/// Checks a parsed status file against every rule of `docs/status.md`.
pub fn from_json(json: &Json, programme: &Programme) -> Result<Status, Error> {
    let fields = object(json, "", &["version", "published", "delay", "notices"])?;
    let version = match get(fields, "version") {
        Some(v) => whole(
            v,
            "version",
            MAX_VERSION,
            "a whole number from 0 to 9007199254740991, larger for each publication",
        )?,
        None => {
            return Err(error(
                "version",
                why!(
                    "missing: write a whole number, larger for each publication (scripts/status writes the time in seconds)"
                ),
            ));
        }
    };
    let published = match get(fields, "published") {
        None | Some(Json::Null) if version == 0 => None,
        None | Some(Json::Null) => {
            return Err(error(
                "published",
                why!(
                    "missing: a published status (version above 0) says when, as RFC 3339 with an offset, such as \"2012-04-03T18:05:00Z\""
                ),
            ));
        }
        Some(Json::String(text)) => match DateTime::parse_from_rfc3339(text) {
            Ok(at) => Some(at.with_timezone(&Utc)),
            Err(_) => {
                return Err(error(
                    "published",
                    why!(
                        "{} is not RFC 3339 with an offset: write such as \"2012-04-03T18:05:00Z\"",
                        quoted(text)
                    ),
                ));
            }
        },
        Some(_) => {
            return Err(error(
                "published",
                why!("not a string: write such as \"2012-04-03T18:05:00Z\""),
            ));
        }
    };
    // A time alone (`14:05`) is on the day of the meeting the status was published in.
    let day = published
        .filter(|_| crate::SEVERAL_DAYS)
        .and_then(|at| programme.day_at(at.timestamp()));
    let delay = match get(fields, "delay") {
        None => Delay::NONE,
        Some(json) => delay(json, programme, day)?,
    };
    let notices = match get(fields, "notices") {
        None => Vec::new(),
        Some(Json::Array(items)) if items.len() > MAX_NOTICES => {
            return Err(error(
                "notices",
                why!("{} notices: at most {}", items.len(), MAX_NOTICES),
            ));
        }
        Some(Json::Array(items)) => {
            let mut notices = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                notices.push(notice(item, &format!("notices[{i}]"), programme, day)?);
            }
            notices
        }
        Some(_) => {
            return Err(error(
                "notices",
                why!("not a list: write [] or [{{\"text\": \"…\"}}]"),
            ));
        }
    };
    Ok(Status {
        version,
        published,
        delay,
        notices,
    })
}

fn delay(json: &Json, programme: &Programme, day: Option<&[Session]>) -> Result<Delay, Error> {
    let fields = object(json, "delay", &["minutes", "since"])?;
    let minutes = match get(fields, "minutes") {
        Some(m) => whole(
            m,
            "delay.minutes",
            u64::from(Delay::MAX_MINUTES),
            "a whole number of minutes from 0 to 1440",
        )?,
        None => {
            return Err(error(
                "delay.minutes",
                why!("missing: write a whole number of minutes, 0 when on time"),
            ));
        }
    };
    let since = get(fields, "since")
        .map(|since| time(since, "delay.since", programme, day))
        .transpose()?
        // Without `since`, the whole day of publication runs late: on a meeting of one
        // day, the whole meeting, which needs no `since`.
        .or_else(|| {
            let first = day?.first()?;
            programme.several_days().then_some(first.starts.unix - 1)
        });
    Ok(Delay {
        minutes: u32::try_from(minutes).unwrap_or(Delay::MAX_MINUTES),
        since: if minutes == 0 { None } else { since },
    })
}

fn notice(
    json: &Json,
    field: &str,
    programme: &Programme,
    day: Option<&[Session]>,
) -> Result<Notice, Error> {
    let fields = object(json, field, &["text", "until"])?;
    let text_field = format!("{field}.text");
    let (original, translations) = match get(fields, "text") {
        Some(Json::String(text)) => (line(text, &text_field)?, Vec::new()),
        Some(Json::Object(texts)) => {
            let mut original = None;
            let mut translations = Vec::new();
            for (code, text) in texts {
                let field = format!("{text_field}.{code}");
                let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == code) else {
                    return Err(error(
                        &field,
                        why!("not a language of the page: use ar, en, es, fr, ru or zh"),
                    ));
                };
                let Json::String(text) = text else {
                    return Err(error(&field, why!("not a string")));
                };
                let text = line(text, &field)?;
                if lang == Lang::ORIGINAL {
                    original = Some(text);
                } else {
                    translations.retain(|(l, _)| *l != lang);
                    translations.push((lang, text));
                }
            }
            let Some(original) = original else {
                return Err(error(
                    &text_field,
                    why!("no \"en\": the English text is the one every language falls back to"),
                ));
            };
            (original, translations)
        }
        Some(_) => {
            return Err(error(
                &text_field,
                why!("not a string or a table of languages"),
            ));
        }
        None => {
            return Err(error(
                &text_field,
                why!("missing: write the notice, such as \"Panel II now in Conference Room 4\""),
            ));
        }
    };
    let until = get(fields, "until")
        .map(|until| time(until, &format!("{field}.until"), programme, day))
        .transpose()?;
    Ok(Notice {
        original,
        translations,
        until,
    })
}

/// A notice's text: one line of at most [`MAX_CHARS`] characters, not blank.
#[cfg_attr(target_arch = "wasm32", allow(clippy::if_same_then_else))]
fn line(text: &str, field: &str) -> Result<String, Error> {
    let chars = text.chars().count();
    if text.trim().is_empty() {
        Err(error(
            field,
            why!("blank: write the notice, or leave it out"),
        ))
    } else if chars > MAX_CHARS {
        Err(error(
            field,
            why!("{} characters: at most {}", chars, MAX_CHARS),
        ))
    } else {
        Ok(text.trim().to_owned())
    }
}

fn time(
    json: &Json,
    field: &str,
    programme: &Programme,
    day: Option<&[Session]>,
) -> Result<i64, Error> {
    let day = day.and_then(|d| d.first()).map(|s| s.day());
    match json {
        Json::String(text) => parse_at_on(text, programme, day)
            .map(|at| at.timestamp())
            .ok_or_else(|| error(field, why!("{} is not {}", quoted(text), TIME_FORMS))),
        _ => Err(error(field, why!("not a string: write {}", TIME_FORMS))),
    }
}

fn object<'j>(json: &'j Json, field: &str, known: &[&str]) -> Result<&'j [(String, Json)], Error> {
    let Json::Object(fields) = json else {
        let what = if field.is_empty() { "the file" } else { "it" };
        return Err(error(field, why!("{} is not a JSON object {{…}}", what)));
    };
    if let Some((key, _)) = fields.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        let path = if field.is_empty() {
            key.clone()
        } else {
            format!("{field}.{key}")
        };
        return Err(error(
            &path,
            why!("unknown field: the fields here are {}", known.join(", ")),
        ));
    }
    Ok(fields)
}

fn get<'j>(fields: &'j [(String, Json)], key: &str) -> Option<&'j Json> {
    fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn whole(json: &Json, field: &str, max: u64, rule: &str) -> Result<u64, Error> {
    match json {
        Json::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= max as f64 => Ok(*n as u64),
        // Echoed only when whole: formatting any float would cost the bundle kilobytes.
        Json::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
            Err(error(field, why!("{} is not {}", *n as i64, rule)))
        }
        Json::Number(_) => Err(error(field, why!("that number is not {}", rule))),
        Json::String(text) => Err(error(
            field,
            why!(
                "{} is a string: write {}, without quotes",
                quoted(text),
                rule
            ),
        )),
        _ => Err(error(field, why!("not a number: write {}", rule))),
    }
}

/// A value echoed in a message, cut short: the message must stay readable.
fn quoted(text: &str) -> String {
    let cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}

/// `text`, the whole of a file: refused when larger than [`MAX_BYTES`] or not JSON.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str, programme: &Programme) -> Result<Status, Error> {
    if text.len() > MAX_BYTES {
        return Err(error(
            "",
            why!(
                "{} bytes: a status file is at most {}",
                text.len(),
                MAX_BYTES
            ),
        ));
    }
    let json =
        serde_json::from_str::<Json>(text).map_err(|e| error("", why!("not JSON ({})", e)))?;
    from_json(&json, programme)
}

/// The file a page shows its operator to publish: `status` with `delay` stated at `at`.
/// Its version is the time in seconds, and above the last one the page saw.
pub fn file_text(delay: Delay, at: i64, last: Option<&Status>, programme: &Programme) -> String {
    let version = (at.max(0) as u64).max(last.map_or(0, |s| s.version + 1));
    let mut out = format!(
        "{{\n  \"version\": {version},\n  \"published\": {},\n  \"delay\": {{ \"minutes\": {}",
        json_string(&programme.stamp(at).rfc3339()),
        delay.minutes
    );
    if let Some(since) = delay.since {
        out += &format!(
            ", \"since\": {}",
            json_string(&programme.stamp(since).rfc3339())
        );
    }
    out += " },\n  \"notices\": [";
    let notices = last.map_or(&[][..], |s| &s.notices[..]);
    for (i, notice) in notices.iter().enumerate() {
        out += if i == 0 {
            "\n    { \"text\": "
        } else {
            ",\n    { \"text\": "
        };
        if notice.translations.is_empty() {
            out += &json_string(&notice.original);
        } else {
            out += &format!("{{ \"en\": {}", json_string(&notice.original));
            for (lang, text) in &notice.translations {
                out += &format!(", \"{}\": {}", lang.code(), json_string(text));
            }
            out += " }";
        }
        if let Some(until) = notice.until {
            out += &format!(
                ", \"until\": {}",
                json_string(&programme.stamp(until).rfc3339())
            );
        }
        out += " }";
    }
    out += if notices.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    };
    out
}

/// A JSON string literal. Written by hand: four escapes do not need a JSON crate in the
/// bundle; the native tests read every output back with serde_json.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// serde_json reads into the same tree the page builds from `JSON.parse`.
#[cfg(not(target_arch = "wasm32"))]
impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct Tree;
        impl<'de> Visitor<'de> for Tree {
            type Value = Json;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
                Ok(Json::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::String(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut fields: Vec<(String, Json)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Json>()? {
                    fields.retain(|(k, _)| *k != key);
                    fields.push((key, value));
                }
                Ok(Json::Object(fields))
            }
        }
        deserializer.deserialize_any(Tree)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
