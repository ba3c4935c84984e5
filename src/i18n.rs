//! Everything the page says, in the six official languages of the United Nations.
//!
//! The page's messages live in `locales/<code>.toml`, one file per language; the programme's
//! texts and their translations in `programme.toml`. The build checks both (every key in
//! every language, the same placeholders, the plural forms each language needs) and bakes
//! English, the original, into the bundle. Each translation goes into a file of its own
//! ([`file`]) that the page fetches when someone picks it: a phone downloads one language,
//! not six. Plural forms are chosen by the browser's `Intl.PluralRules`, at no cost in bytes.
//!
//! Why not leptos_i18n: on a Leptos 0.8 counter with six locales and two messages, it more
//! than doubled the bundle, the `plurals` feature Russian and Arabic need took it further,
//! all before any of this page's messages; this module and its views cost a fraction of
//! that (measured in f7c8d0b). Trimming its ICU plural data to six locales downloads CLDR
//! at build time, which these machines cannot do. And it bakes every locale into the wasm,
//! where here each translation is a file of its own.

use model::{Lang, Text, file};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The line that says the app stopped on a fault, hidden until then, in the page's language
/// (which [`I18n::follow_in_document`] keeps it in). It is outside the page as built, so it
/// stays when the app takes over.
pub const FAULT_ID: &str = "fault";

/// What the page says in one language: a translation's messages and programme texts as its
/// file gives them. Anything missing or empty reads as the English original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    lang: Lang,
    records: Vec<String>,
}

impl Catalog {
    /// The original: every message and text from the bundle itself.
    pub fn english() -> Catalog {
        Catalog::default()
    }

    /// A translation from its file's text; `None` when the text is not a file for `lang`.
    pub fn parse(lang: Lang, text: &str) -> Option<Catalog> {
        let records = file::decode(lang, text)?;
        Some(Catalog {
            lang,
            records: records.into_iter().map(str::to_owned).collect(),
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn record(&self, index: usize) -> Option<&str> {
        self.records
            .get(index)
            .map(String::as_str)
            .filter(|r| !r.is_empty())
    }

    /// A message, as the language has it (plural messages encoded, see [`file::form`]).
    pub fn message(&self, key: Key) -> &str {
        self.record(key as usize).unwrap_or(ENGLISH[key as usize])
    }

    /// A programme text in this language.
    pub fn text<'a>(&'a self, text: &'a Text) -> &'a str {
        self.record(KEYS + usize::from(text.slot))
            .unwrap_or(&text.original)
    }

    /// The message for `n` of a plural message, given the number's plural category
    /// (`one`, `few`…) in this language.
    pub fn plural(&self, key: Key, category: &str) -> &str {
        let message = self.message(key);
        file::form(message, category)
            .or_else(|| file::form(ENGLISH[key as usize], category))
            .unwrap_or(message)
    }
}

/// A piece of a message: text to show as it is, or the name of a placeholder to fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Slot(&'a str),
}

/// A message cut at its `{placeholders}`, so a view can put an element in each.
pub fn pieces(message: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        pieces.push(Piece::Slot(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// A message with its placeholders filled in by `value`; a placeholder it has no value for
/// stays as it is, so a mistake shows rather than vanishing.
pub fn fill<'a>(message: &str, value: impl Fn(&str) -> Option<&'a str>) -> String {
    pieces(message)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned(),
            Piece::Slot(name) => value(name).map_or_else(|| format!("{{{name}}}"), str::to_owned),
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;
    use crate::PROGRAMME;

    fn file_of(lang: Lang) -> String {
        let name = FILES
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, name)| *name)
            .unwrap_or_default();
        let path = format!("{}/target/lang/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn browser_preferences_pick_the_nearest_language() {
        let best = |prefs: &[&str]| Lang::best_match(prefs.iter().copied());
        assert_eq!(best(&["fr-CH", "en"]), Lang::Fr);
        assert_eq!(best(&["zh-TW"]), Lang::Zh);
        assert_eq!(best(&["zh-Hant-HK"]), Lang::Zh);
        assert_eq!(best(&["ES-419"]), Lang::Es);
        assert_eq!(best(&["ar_EG"]), Lang::Ar);
        assert_eq!(best(&["de-DE", "ru"]), Lang::Ru);
        assert_eq!(best(&["de-DE", "it"]), Lang::En);
        assert_eq!(best(&[]), Lang::En);
        assert_eq!(best(&["<script>", "xx", ""]), Lang::En);
        assert_eq!(Lang::of_tag("frisian"), None);
        assert_eq!(Lang::of_tag("fr"), Some(Lang::Fr));
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        for lang in Lang::ALL {
            assert_eq!(lang.dir() == "rtl", lang == Lang::Ar);
        }
    }

    #[test]
    fn every_translation_file_reads_back_complete() {
        let texts = model::check::translations(&crate::programme_source());
        let text_count = texts[&Lang::ORIGINAL].len();
        assert_eq!(FILES.len(), 5);
        for (lang, _) in FILES {
            let catalog = Catalog::parse(lang, &file_of(lang)).expect("a file for its language");
            assert_eq!(catalog.records.len(), KEYS + text_count, "{lang:?}");
            // Empty only where the app never speaks (the page as built's lines, build.rs),
            // and for the programme's texts where the programme file has none in it.
            let built_page_only = [Key::NoLiveTimes as usize, Key::NotStarted as usize];
            let untranslated = !texts.contains_key(&lang);
            for (i, record) in catalog.records.iter().enumerate() {
                let empty = built_page_only.contains(&i) || (i >= KEYS && untranslated);
                assert_eq!(record.is_empty(), empty, "{lang:?} {i}");
            }
            assert_ne!(
                catalog.message(Key::StartsIn),
                ENGLISH[Key::StartsIn as usize]
            );
        }
    }

    #[test]
    fn a_file_for_another_language_or_format_is_refused() {
        let french = file_of(Lang::Fr);
        assert!(Catalog::parse(Lang::Fr, &french).is_some());
        assert!(Catalog::parse(Lang::Ru, &french).is_none());
        assert!(Catalog::parse(Lang::Fr, "<!doctype html><p>Not found</p>").is_none());
        assert!(Catalog::parse(Lang::Fr, "").is_none());
    }

    #[test]
    fn programme_texts_come_in_the_chosen_language() {
        // Every text of the programme, in every language, as the programme file gives it
        // (or the original, where it gives none).
        let source = model::check::translations(&crate::programme_source());
        let originals = &source[&Lang::ORIGINAL];
        let all = || {
            let meeting = &PROGRAMME.meeting;
            let sessions = PROGRAMME.sessions.iter();
            [&meeting.title, &meeting.venue, &PROGRAMME.format.summary]
                .into_iter()
                .chain(sessions.flat_map(|s| std::iter::once(&s.title).chain(s.themes.iter())))
        };
        for lang in Lang::ALL {
            let catalog = match lang {
                Lang::En => Catalog::english(),
                _ => Catalog::parse(lang, &file_of(lang)).expect("a file for its language"),
            };
            let given = source.get(&lang).unwrap_or(originals);
            for text in all() {
                let slot = usize::from(text.slot);
                assert_eq!(
                    catalog.text(text),
                    given[slot],
                    "{lang:?} {}",
                    text.original
                );
            }
        }
    }

    #[test]
    fn a_short_or_blank_translation_falls_back_to_english_per_string() {
        let text = file::encode(Lang::Ru, &["".to_owned(), "Сейчас".to_owned()]);
        let partial = Catalog::parse(Lang::Ru, &text).expect("a Russian file");
        // Record 0 is empty, record 1 given, everything after it missing.
        assert_eq!(partial.record(0), None);
        assert_eq!(partial.record(1), Some("Сейчас"));
        assert_eq!(
            partial.message(Key::StartsIn),
            ENGLISH[Key::StartsIn as usize]
        );
        let title = &PROGRAMME.meeting.title;
        assert_eq!(partial.text(title), title.original);
    }

    #[test]
    fn plural_forms_follow_the_category_with_other_as_fallback() {
        let russian = Catalog::parse(Lang::Ru, &file_of(Lang::Ru)).expect("Russian");
        let fill_n = |m: &str, n: &str| fill(m, |name| (name == "n").then_some(n));
        assert!(fill_n(russian.plural(Key::RunningLate, "one"), "1").contains("1 минуту"));
        assert!(fill_n(russian.plural(Key::RunningLate, "few"), "2").contains("2 минуты"));
        assert!(fill_n(russian.plural(Key::RunningLate, "many"), "5").contains("5 минут"));
        let english = Catalog::english();
        assert_eq!(
            fill_n(english.plural(Key::RunningLate, "one"), "1"),
            "Running 1 minute late"
        );
        assert_eq!(
            fill_n(english.plural(Key::RunningLate, "few"), "3"),
            "Running 3 minutes late"
        );
    }

    #[test]
    fn placeholders_are_cut_out_and_filled() {
        assert_eq!(
            pieces("starts in {countdown}"),
            [Piece::Text("starts in "), Piece::Slot("countdown")]
        );
        assert_eq!(
            pieces("{time} on {date}"),
            [
                Piece::Slot("time"),
                Piece::Text(" on "),
                Piece::Slot("date")
            ]
        );
        assert_eq!(pieces("no { brace"), [Piece::Text("no { brace")]);
        assert_eq!(fill("{a}-{b}", |n| (n == "a").then_some("1")), "1-{b}");
    }

    #[test]
    fn every_key_is_distinct_and_in_english() {
        // Two keys saying the same would be one message under two names.
        let english: HashSet<&str> = ENGLISH.iter().copied().collect();
        assert_eq!(english.len(), KEYS);
        assert!(
            ENGLISH
                .iter()
                .enumerate()
                .all(|(i, m)| i == Key::Unofficial as usize || !m.is_empty())
        );
    }

    proptest! {
        #[test]
        fn any_text_cuts_into_pieces_that_rebuild_it(text in "[a-z{} ]{0,40}") {
            let rebuilt: String = pieces(&text)
                .into_iter()
                .map(|p| match p { Piece::Text(t) => t.to_owned(), Piece::Slot(s) => format!("{{{s}}}") })
                .collect();
            prop_assert_eq!(rebuilt, text);
        }

        #[test]
        fn any_tag_maps_to_a_language_or_none_without_panicking(tag in "\\PC{0,50}") {
            let _ = Lang::of_tag(&tag);
            let _ = Lang::best_match([tag.as_str()]);
        }
    }
}
