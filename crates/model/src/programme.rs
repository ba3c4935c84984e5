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
    // Without a default, a file with no session would get serde's "missing field": the
    // check says more.
    #[cfg_attr(feature = "source", serde(rename = "session", default))]
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

    /// Its day on its own wall clock, as a count of days since 1 January 1970: for
    /// comparing days without calendar arithmetic.
    pub fn day_number(self) -> i64 {
        (self.unix + i64::from(self.offset)).div_euclid(86_400)
    }

    pub fn shifted(self, by: TimeDelta) -> Stamp {
        Stamp {
            unix: self.unix + by.num_seconds(),
            offset: self.offset,
        }
    }
}

impl<T: Clone + 'static> Session<T> {
    /// The day it starts on, on the meeting's wall clock.
    pub fn day(&self) -> NaiveDate {
        self.starts.local().date_naive()
    }
}

impl<T: Clone + 'static> Programme<T> {
    /// The meeting's days in order, each with its sessions: one slice per date on the
    /// meeting's wall clock.
    pub fn days(&self) -> impl Iterator<Item = &[Session<T>]> {
        self.sessions
            .chunk_by(|a, b| a.starts.day_number() == b.starts.day_number())
    }

    /// The day of the meeting an instant belongs to: the first not over by then, or the
    /// last once all are.
    pub fn day_at(&self, unix: i64) -> Option<&[Session<T>]> {
        let over = |day: &&[Session<T>]| day.last().is_some_and(|s| s.ends.unix <= unix);
        self.days()
            .find(|day| !over(day))
            .or_else(|| self.days().last())
    }

    /// Whether the meeting spans more than one day.
    pub fn several_days(&self) -> bool {
        self.days().nth(1).is_some()
    }

    /// The instant `unix` (seconds) on the meeting's clock. The bundle has no time zone
    /// data, so the UTC offset is the one the programme gives for the session start
    /// nearest to it: right on every day of the meeting, and across a change of summer
    /// time at night, right from about halfway between the evening and the morning.
    pub fn stamp(&self, unix: i64) -> Stamp {
        let offset = self
            .sessions
            .iter()
            .min_by_key(|s| s.starts.unix.abs_diff(unix))
            .map_or(0, |s| s.starts.offset);
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
