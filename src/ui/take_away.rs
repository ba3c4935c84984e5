//! What a delegate takes away: a session or the whole meeting as a calendar file, and a
//! link to a session to send to a colleague.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::app::Live;
use super::notices::running_late;
use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::browser::location;
use crate::day::address;
use crate::day::calendar::{self, Made, Scope};
use crate::i18n::Key;
use model::programme::Session;

/// How long "Link copied" stays on screen.
const CONFIRM_MS: u32 = 4_000;

/// Downloads `scope` as an `.ics` file, in the page's language and with its delay.
#[component]
pub fn AddToCalendar(
    live: Live,
    #[prop(optional)] session: Option<&'static Session>,
) -> impl IntoView {
    let i18n = I18n::here();
    let scope = session.map_or(Scope::Meeting, Scope::Session);
    let key = session.map_or(Key::AddMeeting, |_| Key::AddToCalendar);
    let text = i18n.t(key);
    // Which session, for a screen reader; after the visible words, which stay the start of
    // the button's name (WCAG 2.5.3, label in name).
    let which = session.map(|s| format!(": {}", i18n.text(&s.title)));
    let download = move |_| {
        let delay = live.delay.get_untracked();
        let late = running_late(i18n, delay);
        let host = location::host();
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let made = Made {
            host: &host,
            now,
            late,
        };
        let text = i18n.with_untracked(|c| calendar::ics(&PROGRAMME, scope, delay, c, &made));
        save(
            &calendar::file_name(&PROGRAMME, scope),
            &text,
            "text/calendar;charset=utf-8",
        );
    };
    view! {
        <button type="button" class="take-away calendar" on:click=download>
            {text}
            {which.map(|w| view! { <span class="visually-hidden">{w}</span> })}
        </button>
    }
}

/// Offers the file `name` holding `text` (of type `mime`) for download, with no server.
pub fn save(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The download has its copy once the click is handled.
    Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Shares the link to `session` (`…/?delay=10#panel-1`: the delay goes with it, so the link
/// shows the times this page shows) through the system's share sheet where the browser has
/// one, and copies it otherwise, saying so. Where it cannot copy either (a page served over
/// plain http has no clipboard), it shows the link to copy by hand.
#[component]
pub fn Share(session: &'static Session, live: Live) -> impl IntoView {
    let i18n = I18n::here();
    // What the status line says: "Link copied", or the link itself.
    let said = RwSignal::new(None::<String>);
    let clear = StoredValue::new_local(None::<Timeout>);
    let title = i18n.text(&session.title);
    let which = format!(": {title}");
    let share = move |_| {
        let url = format!(
            "{}{}{}#{}",
            location::origin(),
            location::path(),
            address::phone_query(live.delay.get_untracked(), None, &PROGRAMME),
            session.id
        );
        let navigator = window().navigator();
        let data = web_sys::ShareData::new();
        data.set_title(&title);
        data.set_url(&url);
        // Each exists only where the browser offers it: `share` where there is a share
        // sheet, `clipboard` on pages served over https or from localhost.
        let has = |name: &str| {
            js_sys::Reflect::get(&navigator, &name.into()).is_ok_and(|v| !v.is_undefined())
        };
        let (sheet, clipboard) = (has("share"), has("clipboard"));
        wasm_bindgen_futures::spawn_local(async move {
            let say = if sheet {
                // Dismissing the sheet rejects the promise: nothing to say then.
                let _ = JsFuture::from(navigator.share_with_data(&data)).await;
                None
            } else if clipboard
                && JsFuture::from(navigator.clipboard().write_text(&url))
                    .await
                    .is_ok()
            {
                Some(i18n.t(Key::LinkCopied))
            } else {
                Some(url)
            };
            if let Some(text) = say {
                said.set(Some(text));
                // A new confirmation replaces the old one's timer.
                clear.set_value(Some(Timeout::new(CONFIRM_MS, move || said.set(None))));
            }
        });
    };
    view! {
        <button type="button" class="take-away share" on:click=share>
            {i18n.t(Key::Share)}
            <span class="visually-hidden">{which}</span>
        </button>
        <span class="copied" role="status">{move || said.get()}</span>
    }
}
