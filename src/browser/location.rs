//! The page's address in the browser: the only code that reads or writes `location` and
//! `history`. What the address means is [`crate::day::address`].

use leptos::prelude::window;

/// The address's query, `?at=11:30&lang=fr`, or empty.
pub fn query() -> String {
    window().location().search().unwrap_or_default()
}

/// The address's fragment, `#panel-1`, or empty.
pub fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// The page's path, `/nownext/projector/`.
pub fn path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The page's origin, `https://example.org`.
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The page's host, `example.org`.
pub fn host() -> String {
    window().location().host().unwrap_or_default()
}

/// Puts `query` in place of the address's query, keeping its path and fragment, with no
/// new entry in the history: a reload, or the address copied, keeps what it says.
pub fn replace_query(query: &str) {
    if let Ok(history) = window().history() {
        let url = format!("{}{query}{}", path(), fragment());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Leaves for `target`, in place of this page in the history.
pub fn go(target: &str) {
    let _ = window().location().replace(target);
}

/// Loads the page again.
pub fn reload() {
    let _ = window().location().reload();
}
