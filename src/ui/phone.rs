//! The phone view: what is on, the whole day, and the meeting's background.

use leptos::prelude::*;

use super::about::About;
use super::app::Live;
use super::day::Day;
use super::notices::Notices;
use super::now_bar::NowBar;
use super::time::OnDay;
use crate::PROGRAMME;
use crate::settings::{Settings, phone_query};

#[component]
pub fn Phone(settings: Settings, live: Live) -> impl IntoView {
    let meeting = &PROGRAMME.meeting;
    let opening = PROGRAMME.sessions.first().map(|s| s.starts);
    // The projector page sits beside this one, so the link works under any sub-path.
    let projector = move || format!("projector/{}", phone_query(live.delay.get(), &PROGRAMME));
    view! {
        <Notices settings live />
        <header class="meeting">
            <h1>{meeting.title.as_ref()}</h1>
            {meeting.subtitle.as_deref().map(|s| view! { <p class="subtitle">{s}</p> })}
            <p class="where">
                {opening.map(|at| view! { <OnDay stamp=at /> })}
                <span class="venue">{meeting.venue.as_ref()}</span>
            </p>
        </header>
        <NowBar live />
        <main>
            <Day live />
            <About />
            <p class="to-projector">
                <a href=projector>"Show on a projector"</a>
            </p>
        </main>
    }
}
