//! The phone view: what is on, the whole day, and the meeting's background.

use leptos::prelude::*;

use super::about::About;
use super::app::Live;
use super::day::{Day, day_id};
use super::language::{LanguagePicker, Translation, in_language};
use super::notices::{Checked, Notices};
use super::now_bar::NowBar;
use super::qr::Qr;
use super::time::OnDay;
use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::browser::location;
use crate::day::address::{Settings, phone_query};
use crate::i18n::Key;

#[component]
pub fn Phone(settings: Settings, live: Live) -> impl IntoView {
    let i18n = I18n::here();
    // The projector page sits beside this one, so the link works under any sub-path.
    let projector = move || {
        let query = phone_query(live.delay.get(), i18n.pinned().get(), &PROGRAMME);
        format!("projector/{query}")
    };
    // The page's own address for print, with the delay the sheet shows but nothing else: a
    // reader gets the real time, in their own language.
    let page = format!("{}{}", location::origin(), location::path());
    let address = Signal::derive(move || {
        format!("{page}{}", phone_query(live.delay.get(), None, &PROGRAMME))
    });
    // The session a link points at (`#panel-1`), followed as the address changes.
    let marked = RwSignal::new(linked_session());
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let target = linked_session();
        marked.set(target);
        if let Some(id) = target {
            bring_into_view(id);
        }
    });
    on_cleanup(move || on_hash.remove());
    // Bring the linked row, or else the live one, or else today's heading on a later day
    // of the meeting, into view once, when the page opens: here, outside the part rebuilt
    // for a new language, so a switch does not scroll.
    Effect::new(move |done: Option<()>| {
        let current = live
            .status
            .with_untracked(|s| s.current().map(|s| s.id.as_ref()));
        if done.is_some() {
            return;
        }
        if let Some(id) = marked.get_untracked().or(current) {
            bring_into_view(id);
        } else if let Some(day) = day_to_open(live.now.get_untracked().timestamp()) {
            bring_into_view(&day);
        }
    });
    in_language(move || {
        let settings = settings.clone();
        view! {
        <Notices settings live />
        <MeetingHeader />
        <NowBar live />
        <main>
            <Day live marked />
            <About />
            <p class="to-projector">
                <a href=projector>{i18n.t(Key::ToProjector)}</a>
            </p>
            <Checked live />
        </main>
        // Only on paper: where the page lives, as text and as a QR code.
        <footer class="print-only">
            <Qr text=address label=i18n.t(Key::QrLabel) />
            <p dir="ltr">{address}</p>
        </footer>
        }
    })
}

/// The meeting's title, venue and day, with the language switcher. `still`: on the page as
/// built, before the app runs, where the switcher cannot work yet.
#[component]
pub fn MeetingHeader(#[prop(optional)] still: bool) -> impl IntoView {
    let i18n = I18n::here();
    let meeting = &PROGRAMME.meeting;
    let opening = PROGRAMME.sessions.first().map(|s| s.starts);
    let closing = PROGRAMME
        .sessions
        .last()
        .map(|s| s.starts)
        .filter(|_| crate::SEVERAL_DAYS && PROGRAMME.several_days());
    view! {
        <header class="meeting">
            <div class="meeting-top">
                <h1>{i18n.text(&meeting.title)}</h1>
                <LanguagePicker still />
            </div>
            {meeting.subtitle.as_ref().map(|s| view! { <p class="subtitle">{i18n.text(s)}</p> })}
            <p class="where">
                {opening.map(|at| view! { <OnDay stamp=at /> })}
                {closing.map(|at| view! { " " <span class="last-day">"– " <OnDay stamp=at /></span> })}
                <span class="venue">{i18n.text(&meeting.venue)}</span>
            </p>
            <Translation />
        </header>
    }
}

/// The heading of the day of the meeting not over yet (the next one, overnight), when it
/// is not the first: a reader opening the page on the third morning starts there.
fn day_to_open(now: i64) -> Option<String> {
    if !crate::SEVERAL_DAYS {
        return None;
    }
    let day = PROGRAMME.day_at(now)?;
    let first = PROGRAMME.sessions.first()?;
    (day[0].starts.day_number() != first.starts.day_number()).then(|| day_id(day[0].starts))
}

/// The session the address's fragment names, if it names one. Anything else in the
/// fragment is ignored: it is only ever compared with the programme's ids.
fn linked_session() -> Option<&'static str> {
    let hash = location::fragment();
    let wanted = hash.strip_prefix('#')?;
    PROGRAMME
        .sessions
        .iter()
        .map(|s| s.id.as_ref())
        .find(|id| *id == wanted)
}

fn bring_into_view(id: &str) {
    if let Some(row) = document().get_element_by_id(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        row.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
