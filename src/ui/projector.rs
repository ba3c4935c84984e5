//! The room's screen: now and next at a size the back row can read, the wall clock, a QR
//! code that brings phones to the page, the intervention timer, and the day's delay.
//! Keys: Space starts and pauses the timer, R resets it, T shows it, Esc hides, F full
//! screen, + and − move the rest of the day by five minutes, ? lists the keys.

use gloo_timers::callback::Timeout;
use leptos::ev;
use leptos::prelude::*;

use super::app::Live;
use super::notices::Notices;
use super::qr::Qr;
use super::time::{At, Countdown, OnDay};
use crate::intervention::Intervention;
use crate::programme::Session;
use crate::settings::{self, Settings};
use crate::timeline::{Delay, Phase};
use crate::{PROGRAMME, kiosk};

/// Idle seconds before the pointer and the controls hide.
const IDLE_MS: u32 = 3_000;

#[component]
pub fn Projector(settings: Settings, live: Live) -> impl IntoView {
    let timer = RwSignal::new(Intervention::new(PROGRAMME.format.intervention_minutes));
    let timer_shown = RwSignal::new(false);
    let help = RwSignal::new(false);
    let idle = RwSignal::new(false);
    let now = live.now;

    let toggle_timer = move || {
        timer_shown.set(true);
        timer.update(|t| *t = t.toggled(now.get_untracked()));
    };
    let reset_timer = move || timer.update(|t| *t = t.reset());
    let shift = move |step: i32| {
        let delay = live
            .delay
            .get_untracked()
            .stepped(&PROGRAMME, step, now.get_untracked());
        live.delay.set(delay);
        // A reload, or the address copied from the screen, keeps the delay.
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let path = location.pathname().unwrap_or_default();
        if let Ok(history) = window().history() {
            let url = format!("{path}{}", settings::with_delay(&search, delay, &PROGRAMME));
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    };
    let step = Delay::STEP_MINUTES as i32;

    kiosk::keep_awake();
    let on_visible = window_event_listener(ev::visibilitychange, |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            kiosk::keep_awake();
        }
    });
    let on_key = window_event_listener(ev::keydown, move |e| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let handled = match e.key().as_str() {
            " " => {
                toggle_timer();
                true
            }
            "r" | "R" => {
                reset_timer();
                true
            }
            "t" | "T" => {
                timer_shown.update(|s| *s = !*s);
                true
            }
            "Escape" => {
                help.set(false);
                timer_shown.set(false);
                true
            }
            "f" | "F" => {
                kiosk::toggle_full_screen();
                true
            }
            "+" | "=" => {
                shift(step);
                true
            }
            "-" | "_" | "−" => {
                shift(-step);
                true
            }
            "?" => {
                help.update(|h| *h = !*h);
                true
            }
            _ => false,
        };
        if handled {
            // Space would also scroll, or press a focused button a second time.
            e.prevent_default();
        }
    });
    let idle_timer = StoredValue::new_local(None::<Timeout>);
    let wake_pointer = move || {
        idle.set(false);
        idle_timer.set_value(Some(Timeout::new(IDLE_MS, move || idle.set(true))));
    };
    wake_pointer();
    let on_move = window_event_listener(ev::pointermove, move |_| wake_pointer());
    on_cleanup(move || {
        on_visible.remove();
        on_key.remove();
        on_move.remove();
    });

    let phone_url = Signal::derive(move || {
        let location = window().location();
        format!(
            "{}{}{}",
            location.origin().unwrap_or_default(),
            settings::phone_path(&location.pathname().unwrap_or_default()),
            settings::phone_query(live.delay.get(), &PROGRAMME)
        )
    });
    let clock = live.clock(true);

    view! {
        <div class="projector" class:idle=idle>
            <div class="pj-notices">
                <Notices settings live />
            </div>
            <header class="pj-head">
                <p class="pj-meeting">{PROGRAMME.meeting.title.as_ref()}</p>
            </header>
            <main class="pj-now">
                <Now live />
            </main>
            <aside class="pj-side">
                <p class="pj-clock">
                    <span class="pj-zone">{PROGRAMME.meeting.time_zone_name.as_ref()}</span>
                    " "
                    <time>{clock}</time>
                </p>
                <nav class="pj-controls" aria-label="Projector controls">
                    <button on:click=move |_| timer_shown.update(|s| *s = !*s)>"Timer"</button>
                    <button on:click=move |_| shift(-step)>{format!("−{step} min")}</button>
                    <button on:click=move |_| shift(step)>{format!("+{step} min")}</button>
                    <button on:click=|_| kiosk::toggle_full_screen()>"Full screen"</button>
                    <button on:click=move |_| help.update(|h| *h = !*h) aria-keyshortcuts="?">"Keys"</button>
                </nav>
                <Show when=move || timer_shown.get()>
                    <Timer live timer toggle=toggle_timer reset=reset_timer hide=move || timer_shown.set(false) />
                </Show>
                <figure class="pj-qr">
                    <Qr text=phone_url label="QR code: this programme on your phone" />
                    <figcaption>"This programme on your phone"</figcaption>
                </figure>
            </aside>
            <footer class="pj-next">
                <Next live />
            </footer>
            <Show when=move || help.get()>
                <Help />
            </Show>
        </div>
    }
}

/// What is on, as large as the screen allows.
#[component]
fn Now(live: Live) -> impl IntoView {
    let remaining = live.remaining();
    let (elapsed, total) = live.progress();
    move || {
        let (phase, delay) = live.phase.get();
        match phase {
            Phase::Before { first } => view! {
                <p class="pj-state">"Coming up"</p>
                <h1 class="pj-title">{first.title.as_ref()}</h1>
                <p class="pj-count"><span>"starts in"</span> <Countdown remaining /></p>
                <p class="pj-until">
                    <At stamp=delay.starts(first) /> " · " <OnDay stamp=delay.starts(first) />
                </p>
            }
            .into_any(),
            Phase::Live { session, .. } => view! {
                <p class="pj-state pj-state-live">"Now"</p>
                <h1 class="pj-title">{session.title.as_ref()}</h1>
                {session.topic.as_deref().map(|t| view! { <p class="pj-topic">{t}</p> })}
                {session.speaker.as_deref().map(|s| view! { <p class="pj-speaker">{s}</p> })}
                <p class="pj-count"><Countdown remaining /></p>
                <progress max=total value=elapsed aria-label="Time elapsed"></progress>
                <p class="pj-until">"left · until " <At stamp=delay.ends(session) /></p>
            }
            .into_any(),
            Phase::Break { entry, ends, .. } => view! {
                <p class="pj-state">"Break"</p>
                <h1 class="pj-title">{entry.map_or("Break", |e| e.title.as_ref())}</h1>
                <p class="pj-count"><Countdown remaining /></p>
                <progress max=total value=elapsed aria-label="Time elapsed"></progress>
                <p class="pj-until">"left · until " <At stamp=ends /></p>
            }
            .into_any(),
            Phase::After { last } => view! {
                <p class="pj-state">"Ended"</p>
                <h1 class="pj-title">"The meeting has ended"</h1>
                {last.map(|l| view! {
                    <p class="pj-until">
                        "It closed at " <At stamp=delay.ends(l) /> " · " <OnDay stamp=delay.ends(l) />
                    </p>
                })}
            }
            .into_any(),
        }
    }
}

/// `Next 15:00 Interactive Panel Discussion II`, with the planned time when it moved.
#[component]
fn Next(live: Live) -> impl IntoView {
    move || {
        let (phase, delay) = live.phase.get();
        let next: Option<&'static Session> = match phase {
            Phase::Before { .. } | Phase::After { .. } => None,
            Phase::Live { next, .. } | Phase::Break { next, .. } => next,
        };
        next.map(|next| {
            let starts = delay.starts(next);
            view! {
                <span class="pj-next-label">"Next"</span>
                <At stamp=starts />
                {(starts != next.starts).then(|| view! {
                    <span class="planned">"planned " <del><At stamp=next.starts /></del></span>
                })}
                <span class="pj-next-title">{next.title.as_ref()}</span>
            }
        })
    }
}

/// The intervention timer in room-scale digits: amber in the last 30 seconds, red at zero,
/// then the overrun counting up.
#[component]
fn Timer(
    live: Live,
    timer: RwSignal<Intervention>,
    toggle: impl Fn() + Copy + 'static,
    reset: impl Fn() + Copy + 'static,
    hide: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let reading = Memo::new(move |_| timer.with(|t| t.reading(live.now.get())));
    let minutes = PROGRAMME.format.intervention_minutes;
    view! {
        <section class=move || format!("pj-timer {}", reading.get().name()) aria-label="Intervention timer">
            <p class="pj-timer-label">{format!("Intervention · {minutes} min")}</p>
            <p class="pj-timer-digits">{move || reading.get().text()}</p>
            <div class="pj-timer-buttons">
                <button on:click=move |_| toggle() aria-keyshortcuts="Space">
                    {move || if timer.with(|t| t.is_running()) { "Pause" } else { "Start" }}
                </button>
                <button on:click=move |_| reset() aria-keyshortcuts="R">"Reset"</button>
                <button on:click=move |_| hide() aria-keyshortcuts="Escape">"Hide"</button>
            </div>
        </section>
    }
}

#[component]
fn Help() -> impl IntoView {
    let keys = [
        ("Space", "start or pause the intervention timer"),
        ("R", "reset the timer"),
        ("T", "show or hide the timer"),
        ("Esc", "hide the timer and this list"),
        ("F", "full screen"),
        ("+ / −", "the rest of the day 5 minutes later / earlier"),
        ("?", "show or hide this list"),
    ];
    view! {
        <div class="pj-help" role="dialog" aria-label="Keyboard shortcuts">
            <h2>"Keyboard shortcuts"</h2>
            <dl>
                {keys.map(|(key, what)| view! { <dt><kbd>{key}</kbd></dt> <dd>{what}</dd> }).collect_view()}
            </dl>
        </div>
    }
}
