//! A text of the programme file, as the page carries it ([`Text`]) and as the file gives it
//! ([`SourceText`], build only).

use std::borrow::Cow;

/// A text as the page carries it: the English original, and where its translations sit in
/// the language files (see [`crate::file`]). The translations themselves never reach the
/// bundle: the build writes them to those files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub original: Cow<'static, str>,
    /// Its place among the programme's texts, in file order.
    pub slot: u16,
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.original
    }
}

#[cfg(feature = "source")]
pub use source::SourceText;

#[cfg(feature = "source")]
mod source {
    use serde::de::{self, Deserialize, Deserializer};

    use crate::Lang;

    /// A text as the programme file gives it: a plain string (English only), or a table of
    /// the original (`en`) and its translations.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct SourceText {
        pub original: String,
        /// Sorted by language.
        pub translations: Vec<(Lang, String)>,
    }

    impl SourceText {
        /// Only the original.
        pub fn original(text: impl Into<String>) -> SourceText {
            SourceText {
                original: text.into(),
                translations: Vec::new(),
            }
        }

        pub fn translation(&self, lang: Lang) -> Option<&str> {
            self.translations
                .iter()
                .find(|(l, _)| *l == lang)
                .map(|(_, t)| t.as_str())
        }
    }

    impl AsRef<str> for SourceText {
        fn as_ref(&self) -> &str {
            &self.original
        }
    }

    impl<'de> Deserialize<'de> for SourceText {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> de::Visitor<'de> for Visitor {
                type Value = SourceText;

                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a text, or a table of it by language: en = \"…\", fr = \"…\"")
                }

                fn visit_str<E: de::Error>(self, text: &str) -> Result<SourceText, E> {
                    Ok(SourceText::original(text))
                }

                fn visit_map<M: de::MapAccess<'de>>(
                    self,
                    mut map: M,
                ) -> Result<SourceText, M::Error> {
                    let mut original = None;
                    let mut translations = Vec::new();
                    while let Some((code, text)) = map.next_entry::<String, String>()? {
                        let lang = Lang::ALL
                            .into_iter()
                            .find(|l| l.code() == code)
                            .ok_or_else(|| {
                                de::Error::custom(format!(
                                    "`{code}` is not a language of the page: use ar, zh, en, fr, ru or es"
                                ))
                            })?;
                        if lang == Lang::ORIGINAL {
                            original = Some(text);
                        } else {
                            translations.push((lang, text));
                        }
                    }
                    let original = original.ok_or_else(|| {
                        de::Error::custom(
                            "has translations but no `en`, the original: add en = \"…\"",
                        )
                    })?;
                    translations.sort();
                    Ok(SourceText {
                        original,
                        translations,
                    })
                }
            }
            deserializer.deserialize_any(Visitor)
        }
    }
}
