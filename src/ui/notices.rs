//! What the page says about itself: a preview is not the real time, the day runs late, what
//! in the address it could not use, and what the room has published (its notices, when it
//! last changed, and whether it is still heard from).

use leptos::prelude::*;

use super::app::Live;
use super::revision::Revised;
use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::day::address::{self, Notice, Settings};
use crate::day::room;
use crate::day::timeline::Delay;
use crate::i18n::{Catalog, Key, fill};

/// `room`: with what the room published (the projector's; the phone shows it in its
/// now-bar, which stays in sight).
#[component]
pub fn Notices(settings: Settings, live: Live, #[prop(optional)] room: bool) -> impl IntoView {
    let i18n = I18n::here();
    let preview = settings.preview.map(|p| {
        let speed = (p.speed != 1.0).then(|| speed_text(p.speed));
        // Back to real time, in the same language if the address named one.
        let real_time = move || match address::with_lang("", i18n.pinned().get()) {
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
                {i18n.with_untracked(|c| items.iter().map(|n| view! { <li>{said(n, c)}</li> }).collect_view())}
            </ul>
        }
    });
    let late = move || {
        running_late(i18n, live.delay.get())
            .map(|late| view! { <p class="late" role="status">{late}</p> })
    };
    let room = room.then(|| view! { <FromTheRoom live /> });
    view! { {preview} {notices} {room} {late} }
}

/// What the reader is told about something in the address the page could not use, in the
/// catalogue's language, echoing what was given.
pub fn said(notice: &Notice, catalog: &Catalog) -> String {
    let (key, max) = match notice {
        Notice::BadAt(_) => (Key::BadAt, None),
        Notice::BadSpeed(_) => (Key::BadSpeed, Some(address::MAX_SPEED)),
        Notice::BadDelay(_) => (Key::BadDelay, Some(Delay::MAX_MINUTES)),
        Notice::BadSince(_) => (Key::BadSince, None),
    };
    let max = max.map(|m| m.to_string()).unwrap_or_default();
    fill(catalog.message(key), |name| match name {
        "given" => Some(notice.given()),
        "max" => Some(max.as_str()),
        _ => None,
    })
}

/// The room's notices still running, the line that says what it last changed, and a
/// warning once it has not been heard from for a while. Text only: nothing in the file is
/// ever read as markup.
#[component]
pub fn FromTheRoom(live: Live) -> impl IntoView {
    let (room, now) = (live.room, live.now);
    let i18n = I18n::here();
    let lang = i18n.lang();
    // Coarsened: the notices running, the line that says what changed, and the warning
    // change when a notice ends or a status comes, not every second. Each is one text in an
    // element hidden while it is empty: views that come and go cost the bundle far more.
    let texts = Memo::new(move |_| {
        let (notices, updated) = room.published.with(|status| match status {
            Some(s) => {
                let running: Vec<_> = s.notices_at(now.get()).map(|n| n.text(lang)).collect();
                (running.join("\n"), updated(i18n, s).unwrap_or_default())
            }
            None => Default::default(),
        });
        let silent = room
            .silent_since(now.get().timestamp())
            .map(|since| i18n.fill(Key::RoomStale, &[("time", &time(i18n, since))]))
            .unwrap_or_default();
        [notices, updated, silent]
    });
    let text = move |i: usize| move || texts.with(|t| t[i].clone());
    let empty = move |i: usize| move || texts.with(|t| t[i].is_empty());
    view! {
        <Revised revision=live.revision />
        <p class="room-notices" role="status" hidden=empty(0)>{text(0)}</p>
        <p class="room-updated" role="status" hidden=empty(1)>{text(1)}</p>
        <p class="room-silent" role="alert" hidden=empty(2)>{text(2)}</p>
    }
}

/// `14:05` on the meeting's clock.
fn time(i18n: I18n, unix: i64) -> String {
    crate::browser::intl::meeting_time(i18n.lang(), PROGRAMME.stamp(unix))
}

/// `Updated 14:05: running 10 minutes late`, for a published status; `None` for the default.
fn updated(i18n: I18n, status: &room::Status) -> Option<String> {
    let said = status.said()?;
    let time = time(i18n, said.at);
    let time = [("time", time.as_str())];
    Some(match said.delay.minutes {
        0 => i18n.fill(Key::RoomUpdatedOnTime, &time),
        n => i18n.plural(Key::RoomUpdatedLate, n, &time),
    })
}

/// `checked 14:06`: when a check last reached the room, for the curious.
#[component]
pub fn Checked(live: Live) -> impl IntoView {
    let i18n = I18n::here();
    let heard = live.room.heard;
    let text = move || {
        heard
            .get()
            .map(|at| i18n.fill(Key::RoomChecked, &[("time", &time(i18n, at))]))
    };
    view! { <p class="room-checked" hidden=move || heard.with(Option::is_none)>{text}</p> }
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_notice_speaks_the_reader_s_language_and_echoes_what_was_given() {
        let notice = Notice::BadDelay("abc".into());
        assert_eq!(
            said(&notice, &Catalog::english()),
            "Ignored “delay=abc”: not a whole number of minutes from 0 to 1440. Showing planned times."
        );
    }

    proptest! {
        #[test]
        fn any_address_s_notices_stay_short(query in any::<String>()) {
            let settings = address::parse(&query, &PROGRAMME);
            for notice in &settings.notices {
                prop_assert!(said(notice, &Catalog::english()).chars().count() < 200);
            }
        }
    }
}
