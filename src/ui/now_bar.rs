//! The now-bar: what is on, how long it still runs, what comes next. It stays in sight
//! while the day's list scrolls beneath it.

use chrono::TimeDelta;
use leptos::prelude::*;

use super::app::Live;
use super::language::message_with;
use super::notices::{FromTheRoom, running_late};
use super::time::{At, Countdown, YourTime, time_and_date};
use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::day::address;
use crate::day::timeline::{Delay, Phase};
use crate::i18n::Key;
use model::programme::{Session, Stamp};

#[component]
pub fn NowBar(live: Live) -> impl IntoView {
    let i18n = I18n::here();
    let remaining = live.remaining();
    let clock = live.clock(false);
    let phase = live.phase;

    view! {
        <section class="now-bar" aria-label=i18n.t(Key::Now)>
            <div class="now-head">
                <p class=move || state(phase.get().0).1>{move || i18n.t(state(phase.get().0).0)}</p>
                <p class="now-clock">
                    {i18n.text(&PROGRAMME.meeting.time_zone_name)} " "
                    <time class="now-clock-time" dir="ltr">{clock}</time>
                </p>
            </div>
            {move || {
                running_late(i18n, live.delay.get())
                    .map(|late| view! { <p class="now-late">{late}</p> })
            }}
            <FromTheRoom live />
            {move || {
                let (phase, delay) = phase.get();
                what_is_on(i18n, phase, delay, live, remaining)
            }}
        </section>
    }
}

/// The now-bar's body for one phase; rebuilt only when the phase changes.
fn what_is_on(
    i18n: I18n,
    phase: Phase<'static>,
    delay: Delay,
    live: Live,
    remaining: Memo<TimeDelta>,
) -> AnyView {
    let (elapsed, total) = live.progress();
    let title = move |session: &'static Session| i18n.text(&session.title);
    let countdown = move || view! { <Countdown remaining /> }.into_any();
    match phase {
        Phase::Before { first } => {
            let starts = delay.starts(first);
            view! {
                <h2 class="now-title">{title(first)}</h2>
                <p class="now-count">
                    {message_with(Key::StartsIn, move |_| countdown())}
                </p>
                <p class="now-next">{time_and_date(Key::TimeOnDay, starts)} " " <YourTime starts /></p>
            }
            .into_any()
        }
        Phase::Live { session, next } => view! {
            <h2 class="now-title">{title(session)}</h2>
            {session.topic.as_ref().map(|t| view! { <p class="now-topic">{i18n.text(t)}</p> })}
            <p class="now-count">{left_until(delay.ends(session), countdown)}</p>
            <progress max=total value=elapsed aria-label=i18n.t(Key::TimeElapsed)></progress>
            <Next next delay />
        }
        .into_any(),
        Phase::Break { entry, ends, next } => view! {
            <h2 class="now-title">
                {move || entry.map_or_else(|| i18n.t(Key::Break), |e| i18n.text(&e.title))}
            </h2>
            <p class="now-count">{left_until(ends, countdown)}</p>
            <progress max=total value=elapsed aria-label=i18n.t(Key::TimeElapsed)></progress>
            <Next next delay />
        }
        .into_any(),
        #[cfg(multi_day)]
        Phase::Overnight { next, days } => {
            let starts = delay.starts(next);
            view! {
                <h2 class="now-title">{super::time::resumes(days, starts)}</h2>
                <p class="now-count">
                    {message_with(Key::StartsIn, move |_| countdown())}
                </p>
                <Next next=Some(next) delay />
            }
            .into_any()
        }
        Phase::After { last } => view! {
            <h2 class="now-title">{i18n.t(Key::MeetingEnded)}</h2>
            {last.map(|l| {
                let ended = delay.ends(l);
                view! {
                    <p class="now-next">
                        {time_and_date(Key::ClosedAt, ended)}
                    </p>
                }
            })}
            {address::replay_query(&PROGRAMME).map(|q| {
                let href = move || address::with_lang(&q, i18n.pinned().get());
                view! { <a class="button" href=href>{i18n.t(Key::Replay)}</a> }
            })}
        }
        .into_any(),
    }
}

/// `1:29:59 left · until 11:00`.
fn left_until(
    ends: Stamp,
    countdown: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    message_with(Key::LeftUntil, move |slot| match slot {
        "countdown" => countdown(),
        _ => view! { <At stamp=ends /> }.into_any(),
    })
}

/// The now-bar's label for a phase, and its class.
fn state(phase: Phase<'_>) -> (Key, &'static str) {
    match phase {
        Phase::Before { .. } => (Key::ComingUp, "now-state"),
        #[cfg(multi_day)]
        Phase::Overnight { .. } => (Key::ComingUp, "now-state"),
        Phase::Live { .. } => (Key::Now, "now-state now-state-live"),
        Phase::Break { .. } => (Key::Break, "now-state"),
        Phase::After { .. } => (Key::Ended, "now-state"),
    }
}

/// `Next: Interactive Panel Discussion II at 15:00`.
#[component]
fn Next(next: Option<&'static Session>, delay: Delay) -> impl IntoView {
    let i18n = I18n::here();
    next.map(|next| {
        let starts = delay.starts(next);
        view! {
            <p class="now-next">
                <span class="now-next-label">{i18n.t(Key::Next)} " "</span>
                {message_with(Key::NextAt, move |slot| match slot {
                    "title" => view! { <strong>{i18n.text(&next.title)}</strong> }.into_any(),
                    _ => view! { <At stamp=starts /> }.into_any(),
                })}
                " " <YourTime starts />
            </p>
        }
    })
}
