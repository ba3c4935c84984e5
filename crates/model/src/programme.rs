//! The meeting as the programme file describes it.
//!
//! The build script reads `programme.toml` into `Programme<SourceText>` (texts with their
//! translations), checks it (see [`crate::check`]) and bakes it into the bundle as a
//! `Programme<Text>`: the originals only, as a `static`, so the page has no parser. Strings
//! and lists are `Cow<'static, _>` so one type serves both: owned when read, borrowed when
//! baked.

use std::borrow::Cow;

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, Offset, SecondsFormat, TimeDelta, Timelike, Utc,
};
#[cfg(feature = "source")]
use serde::Deserialize;

use crate::Text;

/// A name the page uses but never shows, so never translated: an id, a time zone.
pub type Name = Cow<'static, str>;
/// A list from the programme file.
pub type List<T> = Cow<'static, [T]>;

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "source",
    derive(Deserialize),
    serde(
        deny_unknown_fields,
        bound(deserialize = "T: Deserialize<'de> + Clone + 'static")
    )
)]
pub struct Programme<T: Clone + 'static = Text> {
    pub meeting: Meeting<T>,
    pub format: Format<T>,
    #[cfg_attr(feature = "source", serde(rename = "session"))]
    pub sessions: List<Session<T>>,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "source",
    derive(Deserialize),
    serde(
        deny_unknown_fields,
        bound(deserialize = "T: Deserialize<'de> + Clone + 'static")
    )
)]
pub struct Meeting<T: Clone + 'static = Text> {
    pub title: T,
    #[cfg_attr(feature = "source", serde(default))]
    pub subtitle: Option<T>,
    pub venue: T,
    /// IANA name of the zone times are shown in, e.g. `America/New_York`.
    pub time_zone: Name,
    /// How people call that zone, e.g. `New York`.
    pub time_zone_name: T,
    #[cfg_attr(feature = "source", serde(default))]
    pub in_cooperation_with: List<T>,
    #[cfg_attr(feature = "source", serde(default))]
    pub background: List<T>,
    #[cfg_attr(feature = "source", serde(default))]
    pub objective: List<T>,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "source",
    derive(Deserialize),
    serde(
        deny_unknown_fields,
        bound(deserialize = "T: Deserialize<'de> + Clone + 'static")
    )
)]
pub struct Format<T: Clone + 'static = Text> {
    pub summary: T,
    #[cfg_attr(feature = "source", serde(default))]
    pub rules: List<T>,
    /// The longest an intervention from the floor may last.
    pub intervention_minutes: u32,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "source",
    derive(Deserialize),
    serde(
        deny_unknown_fields,
        bound(deserialize = "T: Deserialize<'de> + Clone + 'static")
    )
)]
pub struct Session<T: Clone + 'static = Text> {
    /// Stable, URL-safe name: `panel-1`.
    pub id: Name,
    #[cfg_attr(feature = "source", serde(default))]
    pub kind: Kind,
    pub title: T,
    #[cfg_attr(feature = "source", serde(default))]
    pub topic: Option<T>,
    #[cfg_attr(feature = "source", serde(default))]
    pub speaker: Option<T>,
    pub starts: Stamp,
    pub ends: Stamp,
    #[cfg_attr(feature = "source", serde(default))]
    pub themes_intro: Option<T>,
    #[cfg_attr(feature = "source", serde(default))]
    pub themes: List<T>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "source",
    derive(Deserialize, databake::Bake),
    databake(path = model::programme),
    serde(rename_all = "lowercase")
)]
pub enum Kind {
    #[default]
    Session,
    Break,
}

/// An instant as the programme file writes it: RFC 3339 with the UTC offset of the day.
/// Kept as seconds since the Unix epoch plus that offset so the baked programme is `const`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(
    feature = "source",
    derive(Deserialize, databake::Bake),
    databake(path = model::programme),
    serde(try_from = "String")
)]
pub struct Stamp {
    pub unix: i64,
    /// Seconds east of UTC.
    pub offset: i32,
}

#[cfg(feature = "source")]
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

impl<T: Clone + 'static> Programme<T> {
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

/// Baking the checked programme into the bundle: `databake`'s derive takes no generic types,
/// so the four generic ones are written out here, each naming every field.
#[cfg(feature = "source")]
mod bake {
    use databake::{Bake, BakeSize, CrateEnv, TokenStream, quote};

    use super::{Format, Meeting, Programme, Session};
    use crate::Text;

    impl Bake for Text {
        fn bake(&self, env: &CrateEnv) -> TokenStream {
            env.insert("model");
            let (original, slot) = (self.original.bake(env), self.slot.bake(env));
            quote! { model::Text { original: #original, slot: #slot } }
        }
    }

    impl BakeSize for Text {
        fn borrows_size(&self) -> usize {
            self.original.borrows_size()
        }
    }

    macro_rules! bake {
        ($name:ident { $($field:ident),* }) => {
            impl Bake for $name<Text> {
                fn bake(&self, env: &CrateEnv) -> TokenStream {
                    env.insert("model");
                    $(let $field = self.$field.bake(env);)*
                    quote! { model::programme::$name { $($field: #$field),* } }
                }
            }

            impl BakeSize for $name<Text> {
                fn borrows_size(&self) -> usize {
                    0 $(+ self.$field.borrows_size())*
                }
            }
        };
    }

    bake!(Programme {
        meeting,
        format,
        sessions
    });
    bake!(Meeting {
        title,
        subtitle,
        venue,
        time_zone,
        time_zone_name,
        in_cooperation_with,
        background,
        objective
    });
    bake!(Format {
        summary,
        rules,
        intervention_minutes
    });
    bake!(Session {
        id,
        kind,
        title,
        topic,
        speaker,
        starts,
        ends,
        themes_intro,
        themes
    });
}
