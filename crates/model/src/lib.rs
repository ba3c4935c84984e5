//! What the build script and the page share: the languages, the multilingual text, the
//! programme's types and the translation files' encoding. With the `source` feature, also
//! what only the build (and native tests) need: reading and checking `programme.toml` and
//! `locales/*.toml`, and baking the programme into the bundle.
//!
//! It depends on nothing of the app: the app's rules of the day, its browser code and its
//! views sit on top of it.

pub mod file;
pub mod lang;
pub mod programme;
pub mod text;

#[cfg(feature = "source")]
pub mod check;
#[cfg(feature = "source")]
pub mod locales;

pub use lang::Lang;
pub use programme::{Kind, Programme, Session, Stamp};
pub use text::Text;
