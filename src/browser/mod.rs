//! The browser: the page's address bar, the clock's ticks, Intl, the language's files, the
//! room's status file over the network, wake lock and full screen. Built on the rules of
//! the day ([`crate::day`]); the views ([`crate::ui`]) sit on top.

pub mod follow;
pub mod intl;
pub mod kiosk;
pub mod language;
pub mod location;
#[cfg(target_arch = "wasm32")]
pub mod ticker;
