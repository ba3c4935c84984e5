//! What a screen left running for hours needs from the browser: staying awake, full screen.
//! Every call tolerates a browser without the API; a refused request is not an error.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

/// Calls `target.method(args…)` if it exists, and silences a rejected promise it returns.
fn call_quietly(target: &JsValue, method: &str, args: &js_sys::Array) {
    let Ok(function) = Reflect::get(target, &method.into()) else {
        return;
    };
    let Some(function) = function.dyn_ref::<Function>() else {
        return;
    };
    if let Ok(result) = function.apply(target, args)
        && let Some(promise) = result.dyn_ref::<Promise>()
    {
        // A refusal (no user gesture, no permission) is expected; unhandled it would be
        // logged as an error. The tiny handler is leaked: a few per hour at most.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
        let _ = promise.catch(&ignore);
        ignore.forget();
    }
}

/// Asks the screen to stay on (Screen Wake Lock). The browser drops the lock when the page
/// is hidden, so call this again when it is shown.
pub fn keep_awake() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(navigator) = Reflect::get(&window, &"navigator".into()) else {
        return;
    };
    if let Ok(lock) = Reflect::get(&navigator, &"wakeLock".into())
        && !lock.is_undefined()
    {
        call_quietly(&lock, "request", &js_sys::Array::of1(&"screen".into()));
    }
}

/// Enters full screen, or leaves it.
pub fn toggle_full_screen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.fullscreen_element().is_some() {
        call_quietly(&document.into(), "exitFullscreen", &js_sys::Array::new());
    } else if let Some(root) = document.document_element() {
        call_quietly(&root.into(), "requestFullscreen", &js_sys::Array::new());
    }
}
