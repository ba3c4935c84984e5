//! Times as `<time>` elements: machine-readable instants and durations, people-readable text.

use chrono::TimeDelta;
use leptos::prelude::*;

use crate::countdown;
use crate::intl;
use crate::programme::Stamp;

/// A clock time on the meeting's clock: `<time datetime="2012-04-03T10:00:00-04:00">10:00</time>`.
#[component]
pub fn At(stamp: Stamp) -> impl IntoView {
    view! { <time datetime=stamp.rfc3339()>{intl::meeting_time(stamp)}</time> }
}

/// The meeting's date: `Tuesday 3 April 2012`.
#[component]
pub fn OnDay(stamp: Stamp) -> impl IntoView {
    let day = stamp.date();
    view! { <time datetime=day>{intl::meeting_date(stamp)}</time> }
}

/// A time or a period on the viewer's own clock, shown only when it reads differently
/// from the meeting's: `your time 16:00–17:00`, `your time Wed 00:00`.
#[component]
pub fn YourTime(starts: Stamp, #[prop(optional)] ends: Option<Stamp>) -> impl IntoView {
    let local = |at: Stamp| {
        intl::local_time(at).map(|text| view! { <time datetime=at.rfc3339()>{text}</time> })
    };
    let starts_text = local(starts)?;
    let ends_text = ends.and_then(local);
    Some(view! {
        <span class="your-time">
            "your time " {starts_text} {ends_text.map(|e| view! { "–" {e} })}
        </span>
    })
}

/// A countdown: `<time datetime="PT1H29M59S">1:29:59</time>`, updated in place each second.
#[component]
pub fn Countdown(#[prop(into)] remaining: Signal<TimeDelta>) -> impl IntoView {
    view! {
        <time class="countdown" datetime=move || countdown::iso_duration(remaining.get())>
            {move || countdown::clock_text(remaining.get())}
        </time>
    }
}
