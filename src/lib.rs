//! nownext: a live programme for one meeting, in the browser.
//!
//! Data flows one way: the programme (baked in at build time) and the page's address give
//! [`address::Settings`]; the [`clock`] gives the instant; [`timeline::status_at`] says what
//! is on; the views in [`ui`] show it, touching only the text that changes.

// The projector's view is one nested type, deeper than the compiler's default limit allows
// in a debug build's layout queries.
#![recursion_limit = "256"]

extern crate alloc;

// The layers, each built on those before it: the model (crates/model), the rules of the
// day and the page's words, the browser, the views.
pub mod day;
pub mod i18n;

pub mod browser;

pub mod ui;

use model::Programme;

/// Whether the code for a meeting of several days is in (the `multi_day` cfg, which
/// build.rs sets): in the bundle only when the programme built has several days, so that a
/// meeting of one day does not download it; natively always, where the tests run every
/// fixture.
pub const SEVERAL_DAYS: bool = cfg!(multi_day);

/// The meeting, read and checked from `programme.toml` by the build script.
pub static PROGRAMME: Programme = include!(concat!(env!("OUT_DIR"), "/programme.rs"));

/// The programmes of `tests/fixtures/programmes/`, for native tests: each an edge case of
/// the meetings an organiser may write (one session, a gap, several days…).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod fixtures {
    use model::Programme;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/programmes");

    /// Every fixture, read and checked once for all the tests.
    fn read() -> &'static [(String, Programme)] {
        static READ: std::sync::OnceLock<Vec<(String, Programme)>> = std::sync::OnceLock::new();
        READ.get_or_init(|| {
            let mut names: Vec<String> = std::fs::read_dir(DIR)
                .unwrap_or_else(|e| panic!("{DIR}: {e}"))
                .filter_map(|entry| {
                    let name = entry.ok()?.file_name().into_string().ok()?;
                    name.strip_suffix(".toml").map(str::to_owned)
                })
                .collect();
            names.sort();
            names
                .into_iter()
                .map(|name| {
                    let path = format!("{DIR}/{name}.toml");
                    let text =
                        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                    let source = model::check::parse(&text)
                        .unwrap_or_else(|problems| panic!("{name}: {problems:#?}"));
                    (name, model::check::baked(&source))
                })
                .collect()
        })
    }

    /// One fixture, read and checked as the build reads the programme file.
    pub fn programme(name: &str) -> &'static Programme {
        read()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p)
            .unwrap_or_else(|| panic!("no fixture {name}.toml in {DIR}"))
    }

    /// Every fixture and the programme file itself, by name.
    pub fn all() -> Vec<(String, &'static Programme)> {
        let mut all: Vec<_> = read().iter().map(|(n, p)| (n.clone(), p)).collect();
        all.push(("programme.toml".to_owned(), &super::PROGRAMME));
        all
    }
}

/// The programme file the build baked, read again as the build read it: for native tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn programme_source() -> model::Programme<model::text::SourceText> {
    model::check::parse(include_str!(env!("NOWNEXT_PROGRAMME_FILE")))
        .unwrap_or_else(|problems| panic!("{problems:#?}"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    /// The layers: the rules of the day and the words know nothing of the browser or the
    /// views, and the browser nothing of the views.
    #[test]
    fn each_layer_uses_only_those_below_it() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let rules = [
            ("day", &["browser", "ui"][..]),
            ("i18n.rs", &["browser", "ui", "day"]),
            ("browser", &["ui"]),
        ];
        for (layer, above) in rules {
            let path = std::path::Path::new(src).join(layer);
            let files: Vec<_> = if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            };
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                    for upper in above {
                        let used = format!("crate::{upper}");
                        assert!(!line.contains(&used), "{}: {line}", file.display());
                    }
                }
            }
        }
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(walk(&path));
            } else {
                files.push(path);
            }
        }
        files
    }

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
