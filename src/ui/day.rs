//! The whole day, one row per programme entry. Rows are built once; a tick changes only
//! which row is marked live or past, and only when a session starts or ends.

use leptos::prelude::*;

use super::app::Live;
use super::time::{At, YourTime};
use crate::PROGRAMME;
use crate::programme::{Kind, Session};
use crate::timeline::{self, Delay};

#[component]
pub fn Day(live: Live) -> impl IntoView {
    let current = Memo::new(move |_| live.status.with(|s| s.current().map(|s| s.id.as_ref())));
    let ended =
        Memo::new(move |_| timeline::ended_count(&PROGRAMME, live.delay.get(), live.now.get()));
    let delay = live.delay;
    let zone = PROGRAMME.meeting.time_zone_name.as_ref();
    let minutes = PROGRAMME.format.intervention_minutes;

    // Bring the live row into view once, when the page opens.
    Effect::new(move |done: Option<()>| {
        if done.is_none()
            && let Some(id) = current.get_untracked()
            && let Some(row) = document().get_element_by_id(id)
        {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            row.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });

    let rows = PROGRAMME
        .sessions
        .iter()
        .enumerate()
        .map(|(index, session)| view! { <Row session index current ended delay /> })
        .collect_view();

    view! {
        <section class="day" aria-labelledby="day-heading">
            <h2 id="day-heading">
                "Programme" <span class="day-zone">{format!("{zone} time")}</span>
            </h2>
            <p class="day-rule">
                "No list of speakers · interventions of at most "
                {format!("{minutes} minutes")}
            </p>
            <ol class="sessions">{rows}</ol>
        </section>
    }
}

#[component]
fn Row(
    session: &'static Session,
    index: usize,
    current: Memo<Option<&'static str>>,
    ended: Memo<usize>,
    delay: RwSignal<Delay>,
) -> impl IntoView {
    let id = session.id.as_ref();
    let live = move || current.get() == Some(id);
    let past = move || ended.get() > index;
    view! {
        <li
            id=id
            class="session"
            class:break=session.kind == Kind::Break
            class:live=live
            class:past=past
            aria-current=move || live().then_some("time")
        >
            {move || view! { <When session delay=delay.get() /> }}
            <h3>{session.title.as_ref()}</h3>
            {session.topic.as_deref().map(|t| view! { <p class="topic">{t}</p> })}
            {session.speaker.as_deref().map(|s| view! { <p class="speaker">{s}</p> })}
            {(!session.themes.is_empty()).then(|| view! {
                <div class="themes">
                    {session.themes_intro.as_deref().map(|t| view! { <p>{t}</p> })}
                    <ul>{session.themes.iter().map(|t| view! { <li>{t.as_ref()}</li> }).collect_view()}</ul>
                </div>
            })}
        </li>
    }
}

/// The entry's times with the delay applied, and the planned ones beside them when they moved.
#[component]
fn When(session: &'static Session, delay: Delay) -> impl IntoView {
    let (starts, ends) = (delay.starts(session), delay.ends(session));
    let moved = (starts, ends) != (session.starts, session.ends);
    view! {
        <p class="when">
            <At stamp=starts /> "–" <At stamp=ends />
            {moved.then(|| view! {
                <span class="planned">
                    "planned " <del><At stamp=session.starts /> "–" <At stamp=session.ends /></del>
                </span>
            })}
            <YourTime starts ends />
        </p>
    }
}
