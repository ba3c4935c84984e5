//! nownext: a live programme for one meeting, in the browser.
//!
//! Data flows one way: the programme (baked in at build time) and the page's address give
//! [`settings::Settings`]; the [`clock`] gives the instant; [`timeline::status_at`] says what
//! is on; the views in [`ui`] show it, touching only the text that changes.

extern crate alloc;

pub mod calendar;
pub mod clock;
pub mod countdown;
pub mod i18n;
pub mod intervention;
pub mod intl;
pub mod kiosk;
pub mod programme;
pub mod settings;
pub mod timeline;
pub mod ui;

use programme::Programme;

/// The meeting, read and checked from `programme.toml` by the build script.
pub static PROGRAMME: Programme = include!(concat!(env!("OUT_DIR"), "/programme.rs"));
