//! A translation's file: everything the page says in one language, in a fixed order: the
//! page's own messages (the keys of `locales/en.toml`), then the programme's texts. The build
//! script writes one per translation; the page fetches the one it needs, so a phone never
//! downloads the other five.
//!
//! The format is plain text, read with a `split`: no parser in the bundle. Records are
//! separated by U+001E; a message with plural forms holds `category U+001F text` pairs, also
//! separated by U+001F. Neither character can occur in a message (the build checks).

use crate::Lang;

/// Separates the records.
pub const RECORD: char = '\u{1E}';
/// Separates a plural message's categories and forms.
pub const FORM: char = '\u{1F}';
/// The first record: the format's version and the language, so a stale or foreign file is
/// never read as this one.
const MAGIC: &str = "nownext-1";

fn header(lang: Lang) -> String {
    format!("{MAGIC} {}", lang.code())
}

/// One message with plural forms, from `(category, text)` pairs.
pub fn plural<'a>(forms: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let parts: Vec<&str> = forms.into_iter().flat_map(|(c, t)| [c, t]).collect();
    parts.join(&FORM.to_string())
}

/// The file's text for `lang`.
pub fn encode(lang: Lang, messages: &[String]) -> String {
    let mut records = vec![header(lang)];
    records.extend(messages.iter().cloned());
    records.join(&RECORD.to_string())
}

/// The messages in a file, or `None` when it is not a file for `lang`.
pub fn decode(lang: Lang, text: &str) -> Option<Vec<&str>> {
    let mut records = text.split(RECORD);
    (records.next()? == header(lang)).then(|| records.collect())
}

/// The form of a plural message for a plural category (`one`, `few`…), falling back to
/// `other`; `None` for a message without plural forms.
pub fn form<'a>(message: &'a str, category: &str) -> Option<&'a str> {
    if !message.contains(FORM) {
        return None;
    }
    let parts: Vec<&str> = message.split(FORM).collect();
    let find = |wanted: &str| {
        parts
            .chunks_exact(2)
            .find(|pair| pair[0] == wanted)
            .map(|pair| pair[1])
    };
    find(category).or_else(|| find("other"))
}

/// A file name that changes whenever the content does, so hosts can cache it forever:
/// `fr-3f2a9c0d5e6b7a18.txt`. FNV-1a: stable across builds and platforms.
pub fn file_name(lang: Lang, text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{}-{hash:016x}.txt", lang.code())
}
