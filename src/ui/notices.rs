//! What the page says about itself: a preview is not the real time, the day runs late, and
//! what in the address it could not use.

use leptos::prelude::*;

use super::app::Live;
use crate::i18n::{I18n, Key};
use crate::settings::{self, Settings};
use crate::timeline::Delay;

#[component]
pub fn Notices(settings: Settings, live: Live) -> impl IntoView {
    let i18n = I18n::here();
    let preview = settings.preview.map(|p| {
        let speed = (p.speed != 1.0).then(|| speed_text(p.speed));
        // Back to real time, in the same language if the address named one.
        let real_time = move || match settings::with_lang("", i18n.pinned.get()) {
            query if query.is_empty() => "?".to_owned(),
            query => query,
        };
        // Parts joined by a middle dot, which every script reads as a separator.
        view! {
            <p class="preview-badge" role="status">
                <strong>{i18n.t(Key::Preview)}</strong>
                " · " {i18n.t(Key::NotRealTime)}
                {speed.map(|speed| format!(" · {}", i18n.fill(Key::Speed, &[("speed", &speed)])))}
                " · " <a href=real_time>{i18n.t(Key::ShowRealTime)}</a>
            </p>
        }
    });
    let notices = (!settings.notices.is_empty()).then(|| {
        let items = settings.notices.clone();
        view! {
            <ul class="notices" role="status">
                {i18n.with(|c| items.iter().map(|n| view! { <li>{n.message(c)}</li> }).collect_view())}
            </ul>
        }
    });
    let late = move || {
        running_late(i18n, live.delay.get())
            .map(|late| view! { <p class="late" role="status">{late}</p> })
    };
    view! { {preview} {notices} {late} }
}

/// `Running 10 minutes late`, `Задержка на 5 минут`; `None` on time.
pub fn running_late(i18n: I18n, delay: Delay) -> Option<String> {
    (delay.minutes > 0).then(|| i18n.plural(Key::RunningLate, delay.minutes, &[]))
}

/// `60`, `0.5`: a speed to one decimal, without the bundle's cost of float formatting.
fn speed_text(speed: f64) -> String {
    let tenths = (speed * 10.0).round() as u64;
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        d => format!("{}.{d}", tenths / 10),
    }
}
