//! The clock in the browser: a [`Ticker`] keeps the shown instant on second boundaries,
//! as [`TimeSource`] says.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use gloo_timers::callback::Timeout;
use leptos::prelude::{ReadSignal, Set, WriteSignal, on_cleanup, signal};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::day::clock::TimeSource;

/// The shown instant, kept on time by a [`Ticker`] for as long as the reactive owner it
/// is called in lives: when that is cleaned up (the page unmounted), the ticker stops.
pub fn ticking(source: TimeSource) -> ReadSignal<DateTime<Utc>> {
    let (now, set_now) = signal(source.instant(js_sys::Date::now()));
    // The browser runs one thread: the wrapper only satisfies `on_cleanup`'s bound.
    let ticker = SendWrapper::new(Ticker::start(source, set_now));
    on_cleanup(move || drop(ticker));
    now
}

/// Keeps `now` on the shown time until dropped.
pub struct Ticker {
    state: Rc<State>,
    on_visible: Closure<dyn Fn()>,
}

struct State {
    source: TimeSource,
    now: WriteSignal<DateTime<Utc>>,
    timer: RefCell<Option<Timeout>>,
}

impl Ticker {
    pub fn start(source: TimeSource, now: WriteSignal<DateTime<Utc>>) -> Ticker {
        let state = Rc::new(State {
            source,
            now,
            timer: RefCell::new(None),
        });
        tick(&state);
        let visible = Rc::clone(&state);
        let on_visible = Closure::<dyn Fn()>::new(move || {
            let shown = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if shown {
                tick(&visible);
            }
        });
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            // Failure only means no resync on return; the regular ticks still run.
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                on_visible.as_ref().unchecked_ref(),
            );
        }
        Ticker { state, on_visible }
    }
}

/// Shows the current instant and schedules the next tick on the next second boundary.
fn tick(state: &Rc<State>) {
    let real = js_sys::Date::now();
    state.now.set(state.source.instant(real));
    let again = Rc::clone(state);
    let timer = Timeout::new(state.source.ms_to_next_second(real), move || tick(&again));
    // Replacing the handle cancels a pending tick, so a resync never doubles the rate.
    state.timer.replace(Some(timer));
}

impl Drop for Ticker {
    fn drop(&mut self) {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let _ = document.remove_event_listener_with_callback(
                "visibilitychange",
                self.on_visible.as_ref().unchecked_ref(),
            );
        }
        // The pending timeout holds the state; dropping it breaks that cycle.
        self.state.timer.take();
    }
}
