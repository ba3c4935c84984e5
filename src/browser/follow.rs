//! Following the room from an open page. The page's own script checks the status file
//! (bundle/page.js, `nownextFollow`: how often, conditional requests, a busy host, a hidden
//! page); this reads what it found with the page's rules. What to make of a good file (a
//! newer version, one from the future) is the page's ([`Status::follows`]).

use wasm_bindgen::prelude::*;

use crate::PROGRAMME;
use crate::day::room::{Error, Json, MAX_BYTES, Status, from_json};

/// What one check found.
pub enum Answer {
    /// A file that passed every rule; `heard`: from the network, not the service worker's
    /// last good copy.
    Read { status: Status, heard: bool },
    /// A file that broke one.
    Refused(Error),
}

#[wasm_bindgen]
extern "C" {
    /// bundle/page.js; missing only where the page's script was refused, and then the
    /// page does not follow the room.
    #[wasm_bindgen(js_name = nownextFollow, catch)]
    fn follow_with(url: &str, answer: &Closure<dyn Fn(String, bool)>) -> Result<(), JsValue>;
}

/// Starts following the status file at `url` (relative to the page) for as long as the
/// page lives.
pub fn follow(url: &str, answer: impl Fn(Answer) + 'static) {
    let answer =
        Closure::<dyn Fn(String, bool)>::new(move |text: String, heard| answer(read(&text, heard)));
    let _ = follow_with(url, &answer);
    // Called for as long as the page lives.
    answer.forget();
}

fn read(text: &str, heard: bool) -> Answer {
    let refused = Answer::Refused(Error {
        field: String::new(),
        problem: String::new(),
    });
    if text.len() > MAX_BYTES {
        return refused;
    }
    let Some(json) = js_sys::JSON::parse(text).ok().and_then(|v| tree(&v, 0)) else {
        return refused;
    };
    match from_json(&json, &PROGRAMME) {
        Ok(status) => Answer::Read { status, heard },
        Err(e) => Answer::Refused(e),
    }
}

/// `JSON.parse`'s value as a [`Json`] tree; `None` deeper than a status file ever goes.
fn tree(value: &JsValue, depth: u8) -> Option<Json> {
    if depth > 8 {
        return None;
    }
    Some(if value.is_null() {
        Json::Null
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(s) = value.as_string() {
        Json::String(s)
    } else if js_sys::Array::is_array(value) {
        let array: &js_sys::Array = value.unchecked_ref();
        Json::Array(
            array
                .iter()
                .map(|v| tree(&v, depth + 1))
                .collect::<Option<_>>()?,
        )
    } else {
        let entries = js_sys::Object::entries(value.unchecked_ref());
        let mut fields = Vec::new();
        for entry in entries.iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            fields.push((pair.get(0).as_string()?, tree(&pair.get(1), depth + 1)?));
        }
        Json::Object(fields)
    })
}
