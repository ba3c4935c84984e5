//! The meeting as the programme file describes it.
//!
//! These types are shared by the build script, which reads `programme.toml`, checks it
//! (see [`check`]) and bakes it into the bundle as a `static`, and by the app, which only
//! reads that static. Strings and lists are `Cow<'static, _>` so one type serves both:
//! owned when deserialised, borrowed when baked.

use std::borrow::Cow;

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, Offset, SecondsFormat, TimeDelta, Timelike, Utc,
};
use databake::Bake;
use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::i18n::Lang;

#[cfg(not(target_arch = "wasm32"))]
pub mod check;

/// A text from the programme file: the English original, and where its translations sit
/// in the language files (see [`crate::i18n::file`]). The translations themselves are read
/// only by the build, which writes them to those files and leaves them out of the bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub original: Cow<'static, str>,
    /// Its place among the programme's texts, in file order.
    pub slot: u16,
    pub translations: Vec<(Lang, String)>,
}

impl Text {
    /// Only the original: a programme file may give a plain string.
    pub fn original(text: impl Into<String>) -> Text {
        Text {
            original: Cow::Owned(text.into()),
            slot: 0,
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

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.original
    }
}

impl Bake for Text {
    fn bake(&self, env: &databake::CrateEnv) -> databake::TokenStream {
        let original = self.original.bake(env);
        let slot = self.slot.bake(env);
        databake::quote! {
            crate::programme::Text {
                original: #original,
                slot: #slot,
                translations: alloc::vec::Vec::new(),
            }
        }
    }
}

impl databake::BakeSize for Text {
    fn borrows_size(&self) -> usize {
        self.original.borrows_size()
    }
}

/// A text is a plain string, or a table of the original (`en`) and its translations.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Text;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a table of it by language: en = \"…\", fr = \"…\"")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::original(text))
            }

            fn visit_map<M: de::MapAccess<'de>>(self, mut map: M) -> Result<Text, M::Error> {
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
                let mut text = original.map(Text::original).ok_or_else(|| {
                    de::Error::custom("has translations but no `en`, the original")
                })?;
                translations.sort();
                text.translations = translations;
                Ok(text)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
/// A name the page uses but never shows, so never translated: an id, a time zone.
pub type Name = Cow<'static, str>;
/// A list from the programme file.
pub type List<T> = Cow<'static, [T]>;

#[derive(Clone, Debug, PartialEq, Deserialize, Bake)]
#[databake(path = crate::programme)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub meeting: Meeting,
    pub format: Format,
    #[serde(rename = "session")]
    pub sessions: List<Session>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Bake)]
#[databake(path = crate::programme)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub title: Text,
    #[serde(default)]
    pub subtitle: Option<Text>,
    pub venue: Text,
    /// IANA name of the zone times are shown in, e.g. `America/New_York`.
    pub time_zone: Name,
    /// How people call that zone, e.g. `New York`.
    pub time_zone_name: Text,
    #[serde(default)]
    pub in_cooperation_with: List<Text>,
    #[serde(default)]
    pub background: List<Text>,
    #[serde(default)]
    pub objective: List<Text>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Bake)]
#[databake(path = crate::programme)]
#[serde(deny_unknown_fields)]
pub struct Format {
    pub summary: Text,
    #[serde(default)]
    pub rules: List<Text>,
    /// The longest an intervention from the floor may last.
    pub intervention_minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Bake)]
#[databake(path = crate::programme)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Stable, URL-safe name: `panel-1`.
    pub id: Name,
    #[serde(default)]
    pub kind: Kind,
    pub title: Text,
    #[serde(default)]
    pub topic: Option<Text>,
    #[serde(default)]
    pub speaker: Option<Text>,
    pub starts: Stamp,
    pub ends: Stamp,
    #[serde(default)]
    pub themes_intro: Option<Text>,
    #[serde(default)]
    pub themes: List<Text>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Bake)]
#[databake(path = crate::programme)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Session,
    Break,
}

/// An instant as the programme file writes it: RFC 3339 with the UTC offset of the day.
/// Kept as seconds since the Unix epoch plus that offset so the baked programme is `const`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Bake)]
#[databake(path = crate::programme)]
#[serde(try_from = "String")]
pub struct Stamp {
    pub unix: i64,
    /// Seconds east of UTC.
    pub offset: i32,
}

impl TryFrom<String> for Stamp {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        DateTime::parse_from_rfc3339(&text)
            .map(Stamp::from)
            .map_err(|e| {
                format!("`{text}` is not an RFC 3339 time with its UTC offset, like 2012-04-03T10:00:00-04:00 ({e})")
            })
    }
}

impl From<DateTime<FixedOffset>> for Stamp {
    fn from(at: DateTime<FixedOffset>) -> Self {
        Stamp {
            unix: at.timestamp(),
            offset: at.offset().local_minus_utc(),
        }
    }
}

impl Stamp {
    pub fn instant(self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.unix, 0).unwrap_or_default()
    }

    /// The instant on the wall clock it was written for.
    pub fn local(self) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(self.offset).unwrap_or(Utc.fix());
        self.instant().with_timezone(&offset)
    }

    /// For `<time datetime>`: `2012-04-03T10:00:00-04:00`.
    pub fn rfc3339(self) -> String {
        self.local().to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// `14:05` on its own wall clock. Written by hand: chrono's `format` machinery would
    /// add several kilobytes to the bundle.
    pub fn wall_time(self) -> String {
        let local = self.local();
        format!("{:02}:{:02}", local.hour(), local.minute())
    }

    /// `2012-04-03`, its date on its own wall clock.
    pub fn date(self) -> String {
        let local = self.local();
        format!(
            "{:04}-{:02}-{:02}",
            local.year(),
            local.month(),
            local.day()
        )
    }

    pub fn shifted(self, by: TimeDelta) -> Stamp {
        Stamp {
            unix: self.unix + by.num_seconds(),
            offset: self.offset,
        }
    }
}

impl Programme {
    /// The meeting's day on its own wall clock, and that day's UTC offset.
    pub fn day(&self) -> Option<(NaiveDate, FixedOffset)> {
        let first = self.sessions.first()?.starts.local();
        Some((first.date_naive(), *first.offset()))
    }

    /// The instant `unix` (seconds) on the meeting's clock: with the day's UTC offset.
    pub fn stamp(&self, unix: i64) -> Stamp {
        let offset = self.day().map_or(0, |(_, o)| o.local_minus_utc());
        Stamp { unix, offset }
    }
}
