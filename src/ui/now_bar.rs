//! The now-bar: what is on, how long it still runs, what comes next. It stays in sight
//! while the day's list scrolls beneath it.

use chrono::{DateTime, TimeDelta, Utc};
use leptos::prelude::*;

use super::time::{At, Countdown, OnDay, YourTime};
use crate::programme::{Session, Stamp};
use crate::timeline::{Phase, Status};
use crate::{PROGRAMME, intl, settings};

#[component]
pub fn NowBar(
    status: Memo<Status<'static>>,
    phase: Memo<Phase<'static>>,
    now: ReadSignal<DateTime<Utc>>,
) -> impl IntoView {
    let remaining = Memo::new(move |_| status.with(|s| s.countdown().unwrap_or(TimeDelta::zero())));
    // Whole seconds as max and value: no float formatting in the bundle.
    let span = move || status.with(|s| s.span());
    let total = move || span().map_or(1, |s| (s.elapsed + s.remaining).num_seconds());
    let elapsed = move || span().map_or(0, |s| s.elapsed.num_seconds());
    let offset = PROGRAMME.sessions.first().map_or(0, |s| s.starts.offset);
    let clock = move || intl::meeting_time(Stamp::new(now.get(), offset));
    let zone = PROGRAMME.meeting.time_zone_name.as_ref();

    view! {
        <section class="now-bar" aria-label="Now">
            <div class="now-head">
                <p class=move || state(phase.get()).1>{move || state(phase.get()).0}</p>
                <p class="now-clock">
                    {zone} " " <time class="now-clock-time">{clock}</time>
                </p>
            </div>
            {move || match phase.get() {
                Phase::Before { first } => {
                    view! {
                        <h2 class="now-title">{first.title.as_ref()}</h2>
                        <p class="now-count">"starts in " <Countdown remaining /></p>
                        <p class="now-next">
                            <At stamp=first.starts /> " on " <OnDay stamp=first.starts /> " "
                            <YourTime starts=first.starts />
                        </p>
                    }
                        .into_any()
                }
                Phase::Live { session, next } => {
                    view! {
                        <h2 class="now-title">{session.title.as_ref()}</h2>
                        {session.topic.as_deref().map(|t| view! { <p class="now-topic">{t}</p> })}
                        <p class="now-count">
                            <Countdown remaining /> " left · until " <At stamp=session.ends />
                        </p>
                        <progress max=total value=elapsed aria-label="Time elapsed"></progress>
                        <Next next />
                    }
                        .into_any()
                }
                Phase::Break { entry, ends, next } => {
                    let title = entry.map_or("Break", |e| e.title.as_ref());
                    view! {
                        <h2 class="now-title">{title}</h2>
                        <p class="now-count">
                            <Countdown remaining /> " left · until " <At stamp=ends />
                        </p>
                        <progress max=total value=elapsed aria-label="Time elapsed"></progress>
                        <Next next />
                    }
                        .into_any()
                }
                Phase::After { last } => {
                    let replay = settings::replay_query(&PROGRAMME);
                    view! {
                        <h2 class="now-title">"The meeting has ended"</h2>
                        {last.map(|l| view! {
                            <p class="now-next">
                                "It closed at " <At stamp=l.ends /> " on " <OnDay stamp=l.ends /> "."
                            </p>
                        })}
                        {replay.map(|q| view! {
                            <a class="button" href=q>"Replay the day"</a>
                        })}
                    }
                        .into_any()
                }
            }}
        </section>
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
fn Next(next: Option<&'static Session>) -> impl IntoView {
    next.map(|next| {
        view! {
            <p class="now-next">
                <span class="now-next-label">"Next "</span>
                <strong>{next.title.as_ref()}</strong>
                " at " <At stamp=next.starts /> " " <YourTime starts=next.starts />
            </p>
        }
    })
}
