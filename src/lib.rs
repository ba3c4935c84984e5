//! nownext: a live programme for one meeting, in the browser.
//!
//! Data flows one way: the programme (baked in at build time) and the page's address give
//! [`settings::Settings`]; the [`clock`] gives the instant; [`timeline::status_at`] says what
//! is on; the views in [`ui`] show it, touching only the text that changes.

// The projector's view is one nested type, deeper than the compiler's default limit allows
// in a debug build's layout queries.
#![recursion_limit = "256"]

extern crate alloc;

pub mod calendar;
pub mod changes;
pub mod clock;
pub mod countdown;
pub mod i18n;
pub mod intervention;
pub mod intl;
pub mod kiosk;
pub mod room;
pub mod settings;
pub mod timeline;
pub mod ui;

use model::Programme;

/// The meeting, read and checked from `programme.toml` by the build script.
pub static PROGRAMME: Programme = include!(concat!(env!("OUT_DIR"), "/programme.rs"));

/// The programme file the build baked, read again as the build read it: for native tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn programme_source() -> model::Programme<model::text::SourceText> {
    model::check::parse(include_str!(env!("NOWNEXT_PROGRAMME_FILE")))
        .unwrap_or_else(|problems| panic!("{problems:#?}"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    /// Whatever meeting it holds, the programme file passes the checks and the bundle
    /// carries exactly what it says.
    #[test]
    fn the_programme_file_passes_the_checks_and_is_baked_faithfully() {
        assert_eq!(
            model::check::baked(&super::programme_source()),
            super::PROGRAMME
        );
    }
}
