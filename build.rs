//! Reads `programme.toml` and the page's messages in `locales/`, stops the build with a
//! precise message if anything in them is wrong, and writes:
//! - `$OUT_DIR/programme.rs`: the programme in English, as a constant expression, so the
//!   bundle carries it as static data with no parser;
//! - `$OUT_DIR/messages.rs`: the message keys, the English messages and the translations'
//!   file names;
//! - `target/lang/*.txt`: one file per translation (messages and programme texts), which
//!   the finishing step (bundle/finish.mjs) copies beside each page. The page fetches only
//!   the one it needs.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use model::{Lang, check, file, locales};

/// The programme file; `NOWNEXT_PROGRAMME` names another (`scripts/build --programme`).
const FILE: &str = "programme.toml";
const FILE_VAR: &str = "NOWNEXT_PROGRAMME";
/// Where the translations' files go, for the finishing step (bundle/finish.mjs) to copy.
const LANG_DIR: &str = "target/lang";
/// Messages said only on the page as built, which is in English: the app never shows them,
/// so the translations' files carry them empty (an empty record reads as English).
const BUILT_PAGE_ONLY: [&str; 2] = ["no_live_times", "not_started"];

fn main() -> ExitCode {
    println!("cargo::rerun-if-env-changed={FILE_VAR}");
    println!("cargo::rerun-if-changed={}", programme_file());
    println!("cargo::rerun-if-changed=locales");
    match build() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in problems {
                // One `cargo::error` per line: Cargo shows each in full.
                for line in problem.lines() {
                    println!("cargo::error={line}");
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn programme_file() -> String {
    std::env::var(FILE_VAR).unwrap_or_else(|_| FILE.to_owned())
}

fn build() -> Result<(), Vec<String>> {
    let one = |e: String| vec![e];
    let file = programme_file();
    // For the native tests, which check that file as the build read it.
    if let Ok(path) = std::fs::canonicalize(&file) {
        println!("cargo::rustc-env=NOWNEXT_PROGRAMME_FILE={}", path.display());
    }
    let text =
        std::fs::read_to_string(&file).map_err(|e| one(format!("{file}: cannot read it: {e}")))?;
    let programme = check::parse(&text).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("{file}: {p}"))
            .collect::<Vec<_>>()
    })?;
    // The code for a meeting of several days: in the bundle only when the meeting has
    // them, so a meeting of one day does not download it; natively always, where the tests
    // run every fixture.
    println!("cargo::rustc-check-cfg=cfg(multi_day)");
    let wasm = std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"));
    if programme.several_days() || !wasm {
        println!("cargo::rustc-cfg=multi_day");
    }
    let messages = locales::read(|name| {
        std::fs::read_to_string(Path::new("locales").join(name)).map_err(|e| e.to_string())
    })?;
    let texts = check::translations(&programme);

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let env = databake::CrateEnv::default();
    let baked = databake::Bake::bake(&check::baked(&programme), &env);
    write(&out.join("programme.rs"), &baked.to_string())?;

    // Each translation: its messages, then the programme's texts; empty where the programme
    // file has none in that language, so the page shows the original.
    let untranslated = vec![String::new(); texts[&Lang::ORIGINAL].len()];
    let mut files = BTreeMap::new();
    let dir = Path::new(LANG_DIR);
    std::fs::create_dir_all(dir).map_err(|e| one(format!("cannot create {LANG_DIR}: {e}")))?;
    if let Some(key) = BUILT_PAGE_ONLY
        .iter()
        .find(|k| !messages.keys.iter().any(|m| m == *k))
    {
        return Err(one(format!(
            "build.rs: `{key}` is not a key of locales/en.toml"
        )));
    }
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::ORIGINAL) {
        let mut records = messages.by_lang[&lang].clone();
        for (record, key) in records.iter_mut().zip(&messages.keys) {
            if BUILT_PAGE_ONLY.contains(&key.as_str()) {
                record.clear();
            }
        }
        records.extend(texts.get(&lang).unwrap_or(&untranslated).iter().cloned());
        let content = file::encode(lang, &records);
        let name = file::file_name(lang, &content);
        write(&dir.join(&name), &content)?;
        files.insert(lang, name);
    }

    // Files of other programmes stay: each name is its content's hash, so a build whose
    // script did not run again (the programme unchanged for that target) still finds its
    // own, and the finishing step copies only the names the app asks for.

    write(
        &out.join("messages.rs"),
        &messages_rs(&messages.keys, &messages.by_lang[&Lang::ORIGINAL], &files),
    )
}

/// The `Key` enum, the English messages and the files' names, as Rust.
fn messages_rs(keys: &[String], english: &[String], files: &BTreeMap<Lang, String>) -> String {
    let mut rs = String::new();
    let _ = writeln!(
        rs,
        "/// A message of the page: its place in `ENGLISH` and in every language's file.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Key {{"
    );
    for (key, text) in keys.iter().zip(english) {
        let doc = text.rsplit(file::FORM).next().unwrap_or_default();
        let _ = writeln!(rs, "    /// {doc:?}\n    {},", camel(key));
    }
    let _ = writeln!(
        rs,
        "}}\n\n/// How many messages there are.\npub const KEYS: usize = {};\n\n\
         /// The messages in English, the original: what the page says when a translation \
         lacks one.\npub static ENGLISH: [&str; KEYS] = {english:?};\n\n\
         /// Each translation's file, named after its content so it can be cached forever.\n\
         pub static FILES: [(Lang, &str); {}] = [",
        keys.len(),
        files.len()
    );
    for (lang, name) in files {
        let _ = writeln!(rs, "    (Lang::{lang:?}, {name:?}),");
    }
    rs.push_str("];\n");
    rs
}

/// `starts_in` → `StartsIn`.
fn camel(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn write(path: &Path, text: &str) -> Result<(), Vec<String>> {
    std::fs::write(path, text).map_err(|e| vec![format!("cannot write {}: {e}", path.display())])
}
