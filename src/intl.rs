//! Clock times and dates as people read them, formatted by the browser's `Intl` so the
//! bundle carries no time-zone database: in the meeting's zone, and in the viewer's own
//! zone when that differs.

use js_sys::{Date, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::programme::Stamp;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type Format;

    // `catch`: the constructor throws on a zone the browser does not know.
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &Object) -> Result<Format, JsValue>;

    // `catch`: a throwing Intl (a broken polyfill, say) falls back instead of escaping.
    #[wasm_bindgen(method, catch, js_class = "DateTimeFormat")]
    fn format(this: &Format, date: &Date) -> Result<String, JsValue>;
}

/// The formats, made once: constructing an `Intl.DateTimeFormat` is costly.
struct Formats {
    meeting_time: Format,
    meeting_clock: Format,
    meeting_date: Format,
    meeting_day: Format,
    local_time: Format,
    local_day: Format,
    local_weekday: Format,
}

const LOCALE: &str = "en-GB";

impl Formats {
    fn new(zone: &str) -> Option<Formats> {
        let time = [
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hourCycle", "h23"),
        ];
        let clock = [
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
            ("hourCycle", "h23"),
        ];
        let day = [
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
        ];
        let date = [
            ("weekday", "long"),
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
        ];
        let make = |zone: Option<&str>, fields: &[(&str, &str)]| {
            let options = Object::new();
            let set =
                |key: &str, value: &str| Reflect::set(&options, &key.into(), &value.into()).is_ok();
            let zoned = zone.is_none_or(|zone| set("timeZone", zone));
            let complete = fields.iter().all(|(key, value)| set(key, value));
            (zoned && complete)
                .then(|| Format::new(LOCALE, &options).ok())
                .flatten()
        };
        Some(Formats {
            meeting_time: make(Some(zone), &time)?,
            meeting_clock: make(Some(zone), &clock)?,
            meeting_date: make(Some(zone), &date)?,
            meeting_day: make(Some(zone), &day)?,
            local_time: make(None, &time)?,
            local_day: make(None, &day)?,
            local_weekday: make(None, &[("weekday", "short")])?,
        })
    }
}

thread_local! {
    static FORMATS: Option<Formats> = Formats::new(&crate::PROGRAMME.meeting.time_zone);
}

fn js_date(at: Stamp) -> Date {
    Date::new(&JsValue::from_f64(at.unix as f64 * 1000.0))
}

/// `at` through one of the formats; `None` without Intl, or if it throws.
fn formatted(at: Stamp, pick: impl Fn(&Formats) -> &Format) -> Option<String> {
    FORMATS.with(|f| pick(f.as_ref()?).format(&js_date(at)).ok())
}

// Without Intl's zones, the offset the programme wrote is the next best thing.

/// `14:05` on the meeting's clock.
pub fn meeting_time(at: Stamp) -> String {
    formatted(at, |f| &f.meeting_time).unwrap_or_else(|| at.wall_time())
}

/// `14:05:09` on the meeting's clock.
pub fn meeting_time_seconds(at: Stamp) -> String {
    formatted(at, |f| &f.meeting_clock).unwrap_or_else(|| at.wall_time())
}

/// `Tuesday 3 April 2012` on the meeting's calendar.
pub fn meeting_date(at: Stamp) -> String {
    formatted(at, |f| &f.meeting_date).unwrap_or_else(|| at.date())
}

/// The same instant on the viewer's own clock, `Wed 00:05` when its date differs from the
/// meeting's; `None` when the viewer's clock reads the same as the meeting's (or there is
/// no Intl to tell).
pub fn local_time(at: Stamp) -> Option<String> {
    let local = formatted(at, |f| &f.local_time)?;
    let same_day = formatted(at, |f| &f.local_day)? == formatted(at, |f| &f.meeting_day)?;
    if same_day && local == formatted(at, |f| &f.meeting_time)? {
        None
    } else if same_day {
        Some(local)
    } else {
        Some(format!("{} {local}", formatted(at, |f| &f.local_weekday)?))
    }
}
