use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::about::About;
use super::day::Day;
use super::notices::Notices;
use super::now_bar::NowBar;
use super::time::OnDay;
use crate::PROGRAMME;
use crate::settings::Settings;
use crate::timeline::{self, Phase};

/// The phone view: what is on, the whole day, and the meeting's background.
#[component]
pub fn App(settings: Settings, now: ReadSignal<DateTime<Utc>>) -> impl IntoView {
    let programme = &PROGRAMME;
    let meeting = &programme.meeting;
    let status = Memo::new(move |_| timeline::status_at(programme, now.get()));
    let phase = Memo::new(move |_| status.with(|s| s.phase()));
    let opening = programme.sessions.first().map(|s| s.starts);

    view! {
        <Notices settings />
        <header class="meeting">
            <h1>{meeting.title.as_ref()}</h1>
            {meeting.subtitle.as_deref().map(|s| view! { <p class="subtitle">{s}</p> })}
            <p class="where">
                {opening.map(|at| view! { <OnDay stamp=at /> })}
                <span class="venue">{meeting.venue.as_ref()}</span>
            </p>
        </header>
        <NowBar status phase now />
        <main>
            <Day status now />
            <About />
        </main>
        <p class="visually-hidden" aria-live="polite">
            {move || announcement(phase.get())}
        </p>
    }
}

/// What a screen reader hears when a session starts or ends: never the seconds.
fn announcement(phase: Phase<'_>) -> String {
    match phase {
        Phase::Before { .. } => String::new(),
        Phase::Live { session, .. } => format!("Now on: {}.", session.title),
        Phase::Break {
            next: Some(next), ..
        } => format!("Break. Next: {}.", next.title),
        Phase::Break { next: None, .. } => "Break.".to_owned(),
        Phase::After { .. } => "The meeting has ended.".to_owned(),
    }
}
