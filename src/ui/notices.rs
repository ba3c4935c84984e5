//! What the page says about itself: a preview is not the real time, the day runs late, and
//! what in the address it could not use.

use leptos::prelude::*;

use super::app::Live;
use crate::settings::Settings;

#[component]
pub fn Notices(settings: Settings, live: Live) -> impl IntoView {
    let preview = settings.preview.map(|p| {
        let speed = if p.speed == 1.0 {
            String::new()
        } else {
            format!(" · {}× speed", speed_text(p.speed))
        };
        view! {
            <p class="preview-badge" role="status">
                <strong>"Preview"</strong>
                {format!(": not the real time{speed}. ")}
                <a href="?">"Show real time"</a>
            </p>
        }
    });
    let notices = (!settings.notices.is_empty()).then(|| {
        view! {
            <ul class="notices" role="status">
                {settings.notices.iter().map(|n| view! { <li>{n.message()}</li> }).collect_view()}
            </ul>
        }
    });
    let late = move || {
        let minutes = live.delay.get().minutes;
        (minutes > 0).then(|| view! { <p class="late" role="status">{running_late(minutes)}</p> })
    };
    view! { {preview} {notices} {late} }
}

/// `Running 10 minutes late`.
pub fn running_late(minutes: u32) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Running {minutes} {unit} late")
}

/// `60`, `0.5`: a speed to one decimal, without the bundle's cost of float formatting.
fn speed_text(speed: f64) -> String {
    let tenths = (speed * 10.0).round() as u64;
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        d => format!("{}.{d}", tenths / 10),
    }
}
