//! The room's screen: now and next at a size the back row can read, the wall clock, a QR
//! code that brings phones to the page, the intervention timer, and the day's delay.
//! Keys: Space starts and pauses the timer, R resets it, T shows it, Esc hides, F full
//! screen, + and − move the rest of the day by five minutes, ? lists the keys.

use gloo_timers::callback::Timeout;
use leptos::ev;
use leptos::prelude::*;

use super::app::Live;
use super::language::{LanguagePicker, Translation, in_language, message_with};
use super::notices::{Checked, Notices};
use super::qr::Qr;
use super::time::{At, Countdown, OnDay, time_and_date};
use crate::PROGRAMME;
use crate::browser::kiosk;
use crate::browser::language::I18n;
use crate::browser::location;
use crate::day::address::{self, Settings};
use crate::day::intervention::Intervention;
use crate::day::room::{self, Said};
use crate::day::timeline::{Delay, Phase};
use crate::i18n::Key;
use model::programme::Session;

/// Idle seconds before the pointer and the controls hide.
const IDLE_MS: u32 = 3_000;

#[component]
pub fn Projector(settings: Settings, live: Live) -> impl IntoView {
    let i18n = I18n::here();
    let t = move |key| i18n.t(key);
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
        let at = now.get_untracked();
        let delay = live.delay.get_untracked().stepped(&PROGRAMME, step, at);
        // The operator's word, as of now: it outranks what the room published before.
        live.room.own.set(Said {
            delay,
            at: at.timestamp(),
        });
        // A reload, or the address copied from the screen, keeps the delay.
        location::replace_query(&address::with_delay(&location::query(), delay, &PROGRAMME));
    };
    let step = Delay::STEP_MINUTES as i32;

    kiosk::keep_awake();
    let on_visible = window_event_listener(ev::visibilitychange, |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            kiosk::keep_awake();
        }
    });
    let on_key = window_event_listener(ev::keydown, move |e| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() || typing_in_a_field(&e) {
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
    // A newer deployment shows once no intervention is being timed: the room's screen has
    // no reader to press "Show it".
    let revision = live.revision;
    Effect::new(move || {
        if revision.ready.get() && !timer.with(Intervention::is_running) {
            location::reload();
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

    // One address for the whole day: phones follow the room's published delay themselves.
    // Only a delay the room has not published yet goes into it, so phones see this screen's.
    let unpublished = Memo::new(move |_| {
        let own = live.room.own.get();
        let published = live.room.published_said();
        let published_delay = published.map_or(Delay::NONE, |p| p.delay);
        (room::newest(own, published) == own && own.delay != published_delay).then_some(own)
    });
    let phone_url = Signal::derive(move || {
        let delay = unpublished.get().map_or(Delay::NONE, |own| own.delay);
        format!(
            "{}{}{}",
            location::origin(),
            address::phone_path(&location::path()),
            address::phone_query(delay, i18n.pinned().get(), &PROGRAMME)
        )
    });
    let clock = live.clock(true);

    in_language(move || {
        let settings = settings.clone();
        view! {
        <div class="projector" class:idle=idle>
            <div class="pj-notices">
                <Notices settings live room=true />
            </div>
            <header class="pj-head">
                <p class="pj-meeting">{i18n.text(&PROGRAMME.meeting.title)}</p>
                <Translation />
            </header>
            <main class="pj-now">
                <Now live />
            </main>
            <aside class="pj-side">
                <p class="pj-clock">
                    <span class="pj-zone">{i18n.text(&PROGRAMME.meeting.time_zone_name)}</span>
                    " "
                    <time dir="ltr">{clock}</time>
                </p>
                <nav class="pj-controls" aria-label=t(Key::ProjectorControls)>
                    <button on:click=move |_| timer_shown.update(|s| *s = !*s)>{t(Key::Timer)}</button>
                    <button on:click=move |_| shift(-step)>{i18n.fill(Key::MinutesEarlier, &[("n", &step.to_string())])}</button>
                    <button on:click=move |_| shift(step)>{i18n.fill(Key::MinutesLater, &[("n", &step.to_string())])}</button>
                    <button on:click=|_| kiosk::toggle_full_screen()>{t(Key::FullScreen)}</button>
                    <button on:click=move |_| help.update(|h| *h = !*h) aria-keyshortcuts="?">{t(Key::Keys)}</button>
                    <LanguagePicker />
                </nav>
                <Show when=move || timer_shown.get()>
                    <Timer live timer toggle=toggle_timer reset=reset_timer hide=move || timer_shown.set(false) />
                </Show>
                <figure class="pj-qr">
                    <Qr text=phone_url label=t(Key::QrLabel) />
                    <figcaption>{t(Key::QrCaption)}</figcaption>
                </figure>
                {move || unpublished.get().map(|own| view! { <Publish own live /> })}
                <Checked live />
            </aside>
            <footer class="pj-next">
                <Next live />
            </footer>
            <Show when=move || help.get()>
                <Help />
            </Show>
        </div>
        }
    })
}

/// The status file that makes every phone follow this screen's delay, to copy or download:
/// shown from a press of + or − until the room publishes the same.
#[component]
fn Publish(own: Said, live: Live) -> impl IntoView {
    let i18n = I18n::here();
    let file = live
        .room
        .published
        .with_untracked(|last| room::file_text(own.delay, own.at, last.as_ref(), &PROGRAMME));
    let copied = file.clone();
    let copy = move |_| {
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&copied);
    };
    let saved = file.clone();
    let download = move |_| super::take_away::save("status.json", &saved, "application/json");
    view! {
        <details class="pj-publish">
            <summary>{i18n.t(Key::PublishTitle)}</summary>
            <div class="pj-publish-body">
                <p>{i18n.t(Key::PublishHint)}</p>
                <pre dir="ltr" translate="no">{file}</pre>
                <p class="pj-publish-actions">
                    <button type="button" on:click=copy>{i18n.t(Key::Copy)}</button>
                    <button type="button" on:click=download>{i18n.t(Key::Download)}</button>
                </p>
            </div>
        </details>
    }
}

/// Keys go to a focused list or field (R for Русский in the language list), not to the
/// shortcuts.
fn typing_in_a_field(e: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "SELECT" | "INPUT" | "TEXTAREA"))
}

/// What is on, as large as the screen allows.
#[component]
fn Now(live: Live) -> impl IntoView {
    let i18n = I18n::here();
    let t = move |key| i18n.t(key);
    let title = move |session: &'static Session| i18n.text(&session.title);
    let remaining = live.remaining();
    let (elapsed, total) = live.progress();
    let until = move |ends| {
        message_with(Key::RemainingUntil, move |_| {
            view! { <At stamp=ends /> }.into_any()
        })
    };
    move || {
        let (phase, delay) = live.phase.get();
        match phase {
            Phase::Before { first } => {
                let starts = delay.starts(first);
                view! {
                    <p class="pj-state">{t(Key::ComingUp)}</p>
                    <h1 class="pj-title">{title(first)}</h1>
                    <p class="pj-count">
                        {message_with(Key::StartsIn, move |_| view! { <Countdown remaining /> }.into_any())}
                    </p>
                    <p class="pj-until"><At stamp=starts /> " · " <OnDay stamp=starts /></p>
                }
                .into_any()
            }
            Phase::Live { session, .. } => view! {
                <p class="pj-state pj-state-live">{t(Key::Now)}</p>
                <h1 class="pj-title">{title(session)}</h1>
                {session.topic.as_ref().map(|t| view! { <p class="pj-topic">{i18n.text(t)}</p> })}
                {session.speaker.as_ref().map(|s| view! { <p class="pj-speaker">{i18n.text(s)}</p> })}
                <p class="pj-count"><Countdown remaining /></p>
                <progress max=total value=elapsed aria-label=t(Key::TimeElapsed)></progress>
                <p class="pj-until">{until(delay.ends(session))}</p>
            }
            .into_any(),
            Phase::Break { entry, ends, .. } => view! {
                <p class="pj-state">{t(Key::Break)}</p>
                <h1 class="pj-title">
                    {move || entry.map_or_else(|| i18n.t(Key::Break), |e| i18n.text(&e.title))}
                </h1>
                <p class="pj-count"><Countdown remaining /></p>
                <progress max=total value=elapsed aria-label=t(Key::TimeElapsed)></progress>
                <p class="pj-until">{until(ends)}</p>
            }
            .into_any(),
            #[cfg(multi_day)]
            Phase::Overnight { next, days } => {
                let starts = delay.starts(next);
                view! {
                    <p class="pj-state">{t(Key::ComingUp)}</p>
                    <h1 class="pj-title">{super::time::resumes(days, starts)}</h1>
                    <p class="pj-count">
                        {message_with(Key::StartsIn, move |_| view! { <Countdown remaining /> }.into_any())}
                    </p>
                    <p class="pj-until"><At stamp=starts /> " · " <OnDay stamp=starts /></p>
                }
                .into_any()
            }
            Phase::After { last } => view! {
                <p class="pj-state">{t(Key::Ended)}</p>
                <h1 class="pj-title">{t(Key::MeetingEnded)}</h1>
                {last.map(|l| {
                    let ended = delay.ends(l);
                    view! {
                        <p class="pj-until">
                            {time_and_date(Key::ClosedAtShort, ended)}
                        </p>
                    }
                })}
            }
            .into_any(),
        }
    }
}

/// `Next 15:00 Interactive Panel Discussion II`, with the planned time when it moved.
#[component]
fn Next(live: Live) -> impl IntoView {
    let i18n = I18n::here();
    move || {
        let (phase, delay) = live.phase.get();
        let next: Option<&'static Session> = match phase {
            Phase::Before { .. } | Phase::After { .. } => None,
            Phase::Live { next, .. } | Phase::Break { next, .. } => next,
            #[cfg(multi_day)]
            Phase::Overnight { next, .. } => Some(next),
        };
        next.map(|next| {
            let starts = delay.starts(next);
            let planned = move || {
                message_with(Key::Planned, move |_| {
                    view! { <del><At stamp=next.starts /></del> }.into_any()
                })
            };
            view! {
                <span class="pj-next-label">{i18n.t(Key::Next)}</span>
                <At stamp=starts />
                {(starts != next.starts).then(|| view! { <span class="planned">{planned()}</span> })}
                <span class="pj-next-title">{i18n.text(&next.title)}</span>
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
    let i18n = I18n::here();
    let t = move |key| i18n.t(key);
    let reading = Memo::new(move |_| timer.with(|t| t.reading(live.now.get())));
    let minutes = PROGRAMME.format.intervention_minutes.to_string();
    view! {
        <section class=move || format!("pj-timer {}", reading.get().name()) aria-label=t(Key::InterventionTimer)>
            <p class="pj-timer-label">{i18n.fill(Key::Intervention, &[("n", &minutes)])}</p>
            <p class="pj-timer-digits" dir="ltr">{move || reading.get().text()}</p>
            <div class="pj-timer-buttons">
                <button on:click=move |_| toggle() aria-keyshortcuts="Space">
                    {move || i18n.t(if timer.with(|t| t.is_running()) { Key::Pause } else { Key::Start })}
                </button>
                <button on:click=move |_| reset() aria-keyshortcuts="R">{t(Key::Reset)}</button>
                <button on:click=move |_| hide() aria-keyshortcuts="Escape">{t(Key::Hide)}</button>
            </div>
        </section>
    }
}

/// A key's name on the help card: the language's word for it (Space), or its symbol.
#[derive(Clone, Copy)]
enum KeyName {
    Word(Key),
    Symbol(&'static str),
}

#[component]
fn Help() -> impl IntoView {
    let i18n = I18n::here();
    let t = move |key| i18n.t(key);
    let step = Delay::STEP_MINUTES;
    use KeyName::{Symbol, Word};
    let keys = [
        (Word(Key::KeySpace), Key::HelpSpace),
        (Symbol("R"), Key::HelpReset),
        (Symbol("T"), Key::HelpTimer),
        (Word(Key::KeyEsc), Key::HelpEsc),
        (Symbol("F"), Key::HelpFullScreen),
        (Symbol("+ / −"), Key::HelpDelay),
        (Symbol("?"), Key::HelpHelp),
    ];
    view! {
        <div class="pj-help" role="dialog" aria-label=t(Key::KeyboardShortcuts)>
            <h2>{t(Key::KeyboardShortcuts)}</h2>
            <dl>
                {keys.map(|(key, what)| {
                    let key = move || match key {
                        Word(word) => i18n.t(word),
                        Symbol(symbol) => symbol.to_owned(),
                    };
                    let what = move || {
                        if what == Key::HelpDelay { i18n.plural(what, step, &[]) } else { i18n.t(what) }
                    };
                    view! { <dt><kbd>{key}</kbd></dt> <dd>{what}</dd> }
                }).collect_view()}
            </dl>
        </div>
    }
}
