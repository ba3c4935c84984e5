//! Times as `<time>` elements: machine-readable instants and durations, people-readable text
//! in the page's language. A clock time is isolated (`dir="ltr"`), so its digits keep their
//! order inside right-to-left text, while a range follows the text: in Arabic its start is
//! on the right, where a reader begins.

use chrono::TimeDelta;
use leptos::prelude::*;

use super::language::message_with;
use crate::browser::intl;
use crate::browser::language::I18n;
use crate::day::countdown;
use crate::i18n::Key;
use model::programme::Stamp;

/// A clock time on the meeting's clock: `<time datetime="2012-04-03T10:00:00-04:00">10:00</time>`.
#[component]
pub fn At(stamp: Stamp) -> impl IntoView {
    let i18n = I18n::here();
    view! {
        <time datetime=stamp.rfc3339() dir="ltr">{intl::meeting_time(i18n.lang(), stamp)}</time>
    }
}

/// The meeting's date: `Tuesday 3 April 2012`, `mardi 3 avril 2012`.
#[component]
pub fn OnDay(stamp: Stamp) -> impl IntoView {
    let i18n = I18n::here();
    view! { <time datetime=stamp.date()>{intl::meeting_date(i18n.lang(), stamp)}</time> }
}

/// A message with a clock time in `{time}` and the date in `{date}`, both of `at`:
/// `10:00 on Tuesday 3 April 2012`, `It closed at 18:00 on …`.
pub fn time_and_date(key: Key, at: Stamp) -> impl IntoView {
    message_with(key, move |slot| match slot {
        "time" => view! { <At stamp=at /> }.into_any(),
        _ => view! { <OnDay stamp=at /> }.into_any(),
    })
}

/// When the meeting resumes after a night, `days` after the instant's date: `The meeting
/// resumes tomorrow at 09:00`, or on a named date when that is further away.
#[cfg(multi_day)]
pub fn resumes(days: i64, at: Stamp) -> impl IntoView {
    time_and_date(resumes_key(days), at)
}

#[cfg(multi_day)]
pub fn resumes_key(days: i64) -> Key {
    match days {
        ..=0 => Key::ResumesToday,
        1 => Key::ResumesTomorrow,
        _ => Key::ResumesOn,
    }
}

/// A time or a period on the viewer's own clock, shown only when it reads differently
/// from the meeting's: `your time 16:00–17:00`, `your time Wed 00:00`.
#[component]
pub fn YourTime(starts: Stamp, #[prop(optional)] ends: Option<Stamp>) -> impl IntoView {
    let i18n = I18n::here();
    let lang = i18n.lang();
    let local = move |at: Stamp| {
        intl::local_time(lang, at).map(|text| view! { <time datetime=at.rfc3339()>{text}</time> })
    };
    // Nothing when the viewer's clock reads as the meeting's.
    intl::local_time(lang, starts)?;
    let times = move |_: &str| {
        let ends = ends.and_then(local).map(|e| view! { "–" {e} });
        view! { <span>{local(starts)} {ends}</span> }.into_any()
    };
    Some(view! { <span class="your-time">{message_with(Key::YourTime, times)}</span> })
}

/// A countdown: `<time datetime="PT1H29M59S">1:29:59</time>`, updated in place each second;
/// from a day on, in the language's words (`3 d 4 h 5 min`).
#[component]
pub fn Countdown(#[prop(into)] remaining: Signal<TimeDelta>) -> impl IntoView {
    let i18n = I18n::here();
    let text = move || {
        let left = remaining.get();
        match countdown::days_hours_minutes(left) {
            None => countdown::clock_text(left),
            Some((d, h, m)) => intl::long_duration(i18n.lang(), d, h, m).unwrap_or_else(|| {
                let [d, h, m] = [d, h, m].map(|v| v.to_string());
                i18n.fill(Key::DaysHoursMinutes, &[("d", &d), ("h", &h), ("m", &m)])
            }),
        }
    };
    view! {
        <time class="countdown" dir="auto" datetime=move || countdown::iso_duration(remaining.get())>
            {text}
        </time>
    }
}
