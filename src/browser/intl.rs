//! Clock times, dates, long durations and plural categories as each language has them,
//! from the browser's `Intl`, so the bundle carries no time-zone database and no locale
//! data: in the meeting's zone, and in the viewer's own zone when that differs.

use std::cell::RefCell;

use js_sys::{Date, Object, Reflect};
use wasm_bindgen::prelude::*;

use model::Lang;
use model::programme::Stamp;

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

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type Plurals;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "PluralRules")]
    fn new(locale: &str) -> Result<Plurals, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "PluralRules")]
    fn select(this: &Plurals, n: f64) -> Result<String, JsValue>;

    // Newer than the rest of Intl (Chromium 129, Safari 16.4, Firefox 136): looked up at
    // run time, and a browser without it gets the message catalogue's own wording.
    #[wasm_bindgen(js_namespace = Intl, js_name = DurationFormat)]
    type Durations;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DurationFormat")]
    fn new(locale: &str, options: &Object) -> Result<Durations, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "DurationFormat", js_name = format)]
    fn format_duration(this: &Durations, duration: &Object) -> Result<String, JsValue>;
}

/// The formats for one language, made once: constructing an `Intl` format is costly.
struct Formats {
    plurals: Option<Plurals>,
    durations: Option<Durations>,
    meeting_time: Format,
    meeting_clock: Format,
    meeting_date: Format,
    meeting_day: Format,
    local_time: Format,
    local_day: Format,
    local_weekday: Format,
}

impl Formats {
    fn new(lang: Lang, zone: &str) -> Option<Formats> {
        let locale = lang.locale();
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
                .then(|| Format::new(locale, &options).ok())
                .flatten()
        };
        // `catch` on the constructor: where Intl.DurationFormat is missing it throws.
        let options = Object::new();
        let durations = Reflect::set(&options, &"style".into(), &"narrow".into())
            .ok()
            .and_then(|_| Durations::new(locale, &options).ok());
        Some(Formats {
            plurals: Plurals::new(locale).ok(),
            durations,
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
    /// The current language's formats; made anew when the language changes.
    static FORMATS: RefCell<Option<(Lang, Option<Formats>)>> = const { RefCell::new(None) };
}

/// `use` on the formats of `lang`; `None` without Intl.
fn with_formats<T>(lang: Lang, use_: impl FnOnce(&Formats) -> Option<T>) -> Option<T> {
    // At build time, prerendering the page natively, there is no Intl: the fallbacks speak.
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    FORMATS.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|(made_for, _)| *made_for != lang) {
            *cell = Some((
                lang,
                Formats::new(lang, &crate::PROGRAMME.meeting.time_zone),
            ));
        }
        use_(cell.as_ref()?.1.as_ref()?)
    })
}

fn js_date(at: Stamp) -> Date {
    Date::new(&JsValue::from_f64(at.unix as f64 * 1000.0))
}

/// `at` through one of the formats; `None` without Intl, or if it throws.
fn formatted(lang: Lang, at: Stamp, pick: impl Fn(&Formats) -> &Format) -> Option<String> {
    with_formats(lang, |f| pick(f).format(&js_date(at)).ok())
}

/// The plural category of `n` in `lang` (`one`, `few`, `many`…). Without `Intl`, English's
/// rule, which is at least right for every language at 1 and at many.
pub fn plural_category(lang: Lang, n: u32) -> String {
    with_formats(lang, |f| f.plurals.as_ref()?.select(f64::from(n)).ok())
        .unwrap_or_else(|| if n == 1 { "one" } else { "other" }.to_owned())
}

/// A duration of days, hours and minutes in the language's short words (`3 д. 4 ч 5 мин`);
/// `None` where the browser has no `Intl.DurationFormat`.
pub fn long_duration(lang: Lang, days: i64, hours: i64, minutes: i64) -> Option<String> {
    with_formats(lang, |f| {
        let duration = Object::new();
        for (unit, value) in [("days", days), ("hours", hours), ("minutes", minutes)] {
            Reflect::set(&duration, &unit.into(), &JsValue::from_f64(value as f64)).ok()?;
        }
        f.durations.as_ref()?.format_duration(&duration).ok()
    })
}

// Without Intl's zones, the offset the programme wrote is the next best thing.

/// `14:05` on the meeting's clock.
pub fn meeting_time(lang: Lang, at: Stamp) -> String {
    formatted(lang, at, |f| &f.meeting_time).unwrap_or_else(|| at.wall_time())
}

/// `14:05:09` on the meeting's clock.
pub fn meeting_time_seconds(lang: Lang, at: Stamp) -> String {
    formatted(lang, at, |f| &f.meeting_clock).unwrap_or_else(|| at.wall_time())
}

/// `Tuesday, 3 April 2012` on the meeting's calendar.
pub fn meeting_date(lang: Lang, at: Stamp) -> String {
    formatted(lang, at, |f| &f.meeting_date).unwrap_or_else(|| date_without_intl(at))
}

/// The prerendered page is English, and says the date as Intl's `en-GB` would, so the
/// page does not change when the app takes it over.
#[cfg(not(target_arch = "wasm32"))]
fn date_without_intl(at: Stamp) -> String {
    at.local().format("%A, %-d %B %Y").to_string()
}

/// In a browser without Intl: the ISO date, without chrono's formatting code in the bundle.
#[cfg(target_arch = "wasm32")]
fn date_without_intl(at: Stamp) -> String {
    at.date()
}

/// The same instant on the viewer's own clock, `Wed 00:05` when its date differs from the
/// meeting's; `None` when the viewer's clock reads the same as the meeting's (or there is
/// no Intl to tell).
pub fn local_time(lang: Lang, at: Stamp) -> Option<String> {
    let format = |pick: fn(&Formats) -> &Format| formatted(lang, at, pick);
    let local = format(|f| &f.local_time)?;
    let same_day = format(|f| &f.local_day)? == format(|f| &f.meeting_day)?;
    if same_day && local == format(|f| &f.meeting_time)? {
        None
    } else if same_day {
        Some(local)
    } else {
        Some(format!("{} {local}", format(|f| &f.local_weekday)?))
    }
}
