//! The now-bar: what is on, how long it still runs, what comes next. It stays in sight
//! while the day's list scrolls beneath it.

use chrono::TimeDelta;
use leptos::prelude::*;

use super::app::Live;
use super::notices::running_late;
use super::time::{At, Countdown, OnDay, YourTime};
use crate::programme::Session;
use crate::timeline::{Delay, Phase};
use crate::{PROGRAMME, settings};

#[component]
pub fn NowBar(live: Live) -> impl IntoView {
    let remaining = live.remaining();
    let clock = live.clock(false);
    let zone = PROGRAMME.meeting.time_zone_name.as_ref();
    let phase = live.phase;

    view! {
        <section class="now-bar" aria-label="Now">
            <div class="now-head">
                <p class=move || state(phase.get().0).1>{move || state(phase.get().0).0}</p>
                <p class="now-clock">
                    {zone} " " <time class="now-clock-time">{clock}</time>
                </p>
            </div>
            {move || {
                let minutes = live.delay.get().minutes;
                (minutes > 0).then(|| view! { <p class="now-late">{running_late(minutes)}</p> })
            }}
            {move || {
                let (phase, delay) = phase.get();
                what_is_on(phase, delay, live, remaining)
            }}
        </section>
    }
}

/// The now-bar's body for one phase; rebuilt only when the phase changes.
fn what_is_on(
    phase: Phase<'static>,
    delay: Delay,
    live: Live,
    remaining: Memo<TimeDelta>,
) -> AnyView {
    let (elapsed, total) = live.progress();
    match phase {
        Phase::Before { first } => {
            let starts = delay.starts(first);
            view! {
                <h2 class="now-title">{first.title.as_ref()}</h2>
                <p class="now-count">"starts in " <Countdown remaining /></p>
                <p class="now-next">
                    <At stamp=starts /> " on " <OnDay stamp=starts /> " " <YourTime starts />
                </p>
            }
            .into_any()
        }
        Phase::Live { session, next } => view! {
            <h2 class="now-title">{session.title.as_ref()}</h2>
            {session.topic.as_deref().map(|t| view! { <p class="now-topic">{t}</p> })}
            <p class="now-count">
                <Countdown remaining /> " left · until " <At stamp=delay.ends(session) />
            </p>
            <progress max=total value=elapsed aria-label="Time elapsed"></progress>
            <Next next delay />
        }
        .into_any(),
        Phase::Break { entry, ends, next } => view! {
            <h2 class="now-title">{entry.map_or("Break", |e| e.title.as_ref())}</h2>
            <p class="now-count">
                <Countdown remaining /> " left · until " <At stamp=ends />
            </p>
            <progress max=total value=elapsed aria-label="Time elapsed"></progress>
            <Next next delay />
        }
        .into_any(),
        Phase::After { last } => view! {
            <h2 class="now-title">"The meeting has ended"</h2>
            {last.map(|l| {
                let ended = delay.ends(l);
                view! {
                    <p class="now-next">
                        "It closed at " <At stamp=ended /> " on " <OnDay stamp=ended /> "."
                    </p>
                }
            })}
            {settings::replay_query(&PROGRAMME)
                .map(|q| view! { <a class="button" href=q>"Replay the day"</a> })}
        }
        .into_any(),
    }
}

/// The now-bar's label for a phase, and its class.
fn state(phase: Phase<'_>) -> (&'static str, &'static str) {
    match phase {
        Phase::Before { .. } => ("Coming up", "now-state"),
        Phase::Live { .. } => ("Now", "now-state now-state-live"),
        Phase::Break { .. } => ("Break", "now-state"),
        Phase::After { .. } => ("Ended", "now-state"),
    }
}

/// `Next: Interactive Panel Discussion II at 15:00`.
#[component]
fn Next(next: Option<&'static Session>, delay: Delay) -> impl IntoView {
    next.map(|next| {
        let starts = delay.starts(next);
        view! {
            <p class="now-next">
                <span class="now-next-label">"Next "</span>
                <strong>{next.title.as_ref()}</strong>
                " at " <At stamp=starts /> " " <YourTime starts />
            </p>
        }
    })
}
