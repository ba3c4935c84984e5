//! The whole day, one row per programme entry. Rows are built once; a tick changes only
//! which row is marked live or past, and only when a session starts or ends. A row a link
//! points at (`#panel-1`) is marked too. Each session can go into a calendar or be shared.
//! `still`: the page as built, where nothing is live and the buttons wait for the app.

use leptos::prelude::*;

use super::app::Live;
use super::language::message_with;
use super::take_away::{AddToCalendar, Share};
use super::time::{At, YourTime};
use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::day::timeline::{self, Delay};
use crate::i18n::Key;
use model::programme::{Kind, Session, Stamp};

#[component]
pub fn Day(
    live: Live,
    marked: RwSignal<Option<&'static str>>,
    #[prop(optional)] still: bool,
) -> impl IntoView {
    let current = Memo::new(move |_| live.status.with(|s| s.current().map(|s| s.id.as_ref())));
    let ended =
        Memo::new(move |_| timeline::ended_count(&PROGRAMME, live.delay.get(), live.now.get()));
    let i18n = I18n::here();
    let minutes = PROGRAMME.format.intervention_minutes;
    let zone = move || {
        let zone = i18n.text(&PROGRAMME.meeting.time_zone_name);
        i18n.fill(Key::ZoneTime, &[("zone", &zone)])
    };

    let rows = move |sessions: &'static [Session], first: usize| {
        sessions
            .iter()
            .enumerate()
            .map(|(i, session)| {
                let index = first + i;
                view! { <Row session index current ended marked live still /> }
            })
            .collect_view()
    };
    // A list per day; on a meeting of several days, each under a heading with its date.
    // Each day is an AnyView: a list of a concrete type cost 0.5 KB more (brotli).
    #[cfg(multi_day)]
    let list = {
        let several = PROGRAMME.several_days();
        let mut first = 0;
        PROGRAMME
            .days()
            .map(|day| {
                let sessions = rows(day, first);
                first += day.len();
                let date = day[0].starts;
                let heading = several.then(|| {
                    view! { <h3 class="day-date" id=day_id(date)><super::time::OnDay stamp=date /></h3> }
                });
                view! { {heading} <ol class="sessions">{sessions}</ol> }.into_any()
            })
            .collect::<Vec<_>>()
    };
    // A meeting of one day: its bundle has none of that.
    #[cfg(not(multi_day))]
    let list = view! { <ol class="sessions">{rows(&PROGRAMME.sessions, 0)}</ol> };

    view! {
        <section class="day" aria-labelledby="day-heading">
            <h2 id="day-heading">
                {i18n.t(Key::Programme)} " " <span class="day-zone">{zone}</span>
            </h2>
            <p class="day-rule">{i18n.plural(Key::DayRule, minutes, &[])}</p>
            <p class="day-actions" inert=still><AddToCalendar live /></p>
            {list}
        </section>
    }
}

#[component]
fn Row(
    session: &'static Session,
    index: usize,
    current: Memo<Option<&'static str>>,
    ended: Memo<usize>,
    marked: RwSignal<Option<&'static str>>,
    live: Live,
    still: bool,
) -> impl IntoView {
    let delay = live.delay;
    let i18n = I18n::here();
    let id = session.id.as_ref();
    let text = move |t: &'static model::Text| i18n.text(t);
    let on_now = move || current.get() == Some(id);
    let past = move || ended.get() > index;
    view! {
        <li
            id=id
            class="session"
            class:break=session.kind == Kind::Break
            class:live=on_now
            class:past=past
            class:marked=move || marked.get() == Some(id)
            aria-current=move || on_now().then_some("time")
            data-now=i18n.t(Key::Now)
        >
            {move || view! { <When session delay=delay.get() /> }}
            <h3>{text(&session.title)}</h3>
            {super::revision::mark(live.revision, id)}
            {session.topic.as_ref().map(|t| view! { <p class="topic">{text(t)}</p> })}
            {session.speaker.as_ref().map(|s| view! { <p class="speaker">{text(s)}</p> })}
            {(!session.themes.is_empty()).then(|| view! {
                <div class="themes">
                    {session.themes_intro.as_ref().map(|t| view! { <p>{text(t)}</p> })}
                    <ul>{session.themes.iter().map(|t| view! { <li>{text(t)}</li> }).collect_view()}</ul>
                </div>
            })}
            {(session.kind == Kind::Session).then(|| view! {
                <div class="row-actions" inert=still>
                    <AddToCalendar live session />
                    <Share session live />
                </div>
            })}
        </li>
    }
}

/// The id of a day's heading: `day-2012-04-03`.
pub fn day_id(date: Stamp) -> String {
    format!("day-{}", date.date())
}

/// The entry's times with the delay applied, and the planned ones beside them when they moved.
#[component]
fn When(session: &'static Session, delay: Delay) -> impl IntoView {
    let (starts, ends) = (delay.starts(session), delay.ends(session));
    let moved = (starts, ends) != (session.starts, session.ends);
    let planned = move || {
        message_with(Key::Planned, move |_| {
            view! { <del><At stamp=session.starts /> "–" <At stamp=session.ends /></del> }
                .into_any()
        })
    };
    view! {
        <p class="when">
            <At stamp=starts /> "–" <At stamp=ends />
            {moved.then(|| view! { <span class="planned">{planned()}</span> })}
            <YourTime starts ends />
        </p>
    }
}
