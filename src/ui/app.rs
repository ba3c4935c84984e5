//! What every view shares: the instant, the delay and what they make of the day, and the
//! live region that tells screen readers when something starts or ends.

use chrono::{DateTime, TimeDelta, Utc};
use leptos::prelude::*;

use super::revision::Revision;
use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::day::room::{self, Said};
use crate::day::timeline::{self, Delay, Phase, Status};
use crate::i18n::Key;

#[derive(Clone, Copy)]
pub struct Live {
    pub now: ReadSignal<DateTime<Utc>>,
    /// What the room and this page say of the delay, and what the page makes of both.
    pub room: Room,
    /// The delay shown: the newest statement of it ([`room::newest`]).
    pub delay: Memo<Delay>,
    pub status: Memo<Status<'static>>,
    /// Changes only when something starts or ends, or the delay changes.
    pub phase: Memo<(Phase<'static>, Delay)>,
    /// A newer deployment, and what changed since this browser last showed the programme.
    pub revision: Revision,
}

/// What the page knows of the room.
#[derive(Clone, Copy)]
pub struct Room {
    /// This page's own statement: its address's delay, or the projector operator's last
    /// press.
    pub own: RwSignal<Said>,
    /// The last status applied (`room::Status::follows`); `None` until one is read.
    pub published: RwSignal<Option<room::Status>>,
    /// When a check last reached the room, Unix seconds.
    pub heard: RwSignal<Option<i64>>,
    /// When the page began to follow the room; `None` where it does not (a preview, the page
    /// as built).
    pub following: RwSignal<Option<i64>>,
}

impl Room {
    /// A page that has not reached the room for this long says its times may be out of date.
    pub const STALE_SECONDS: i64 = 5 * 60;

    /// The delay the room published, and when, tracked; `None` until it has said one.
    pub fn published_said(self) -> Option<Said> {
        self.published
            .with(|p| p.as_ref().and_then(room::Status::said))
    }

    /// Since when the room has not been heard from, once that is [`Room::STALE_SECONDS`] or
    /// more at `now`.
    pub fn silent_since(self, now: i64) -> Option<i64> {
        let since = self.heard.get().or(self.following.get())?;
        (now - since >= Room::STALE_SECONDS).then_some(since)
    }
}

impl Live {
    pub fn new(delay: Delay, now: ReadSignal<DateTime<Utc>>) -> Live {
        let room = Room {
            own: RwSignal::new(Said::by_address(delay, &PROGRAMME)),
            published: RwSignal::new(None),
            heard: RwSignal::new(None),
            following: RwSignal::new(None),
        };
        let delay = Memo::new(move |_| room::newest(room.own.get(), room.published_said()).delay);
        let status = Memo::new(move |_| timeline::status_at(&PROGRAMME, delay.get(), now.get()));
        let phase = Memo::new(move |_| (status.with(|s| s.phase()), delay.get()));
        Live {
            now,
            room,
            delay,
            status,
            phase,
            revision: Revision::none(),
        }
    }

    /// Follows the room's status file at `url` from now on (see [`room::web`]).
    #[cfg(target_arch = "wasm32")]
    pub fn follow_room(self, url: &str) {
        use crate::browser::follow::{Answer, follow};
        let room = self.room;
        let now = self.now;
        room.following.set(Some(now.get_untracked().timestamp()));
        follow(url, move |answer| {
            let at = now.get_untracked();
            match answer {
                Answer::Read { status, heard } => {
                    if heard {
                        room.heard.set(Some(at.timestamp()));
                    }
                    let taken = room
                        .published
                        .with_untracked(|last| status.follows(last.as_ref(), at));
                    if taken.is_ok() {
                        room.published.set(Some(status));
                    }
                }
                // The page keeps what it had; whoever opens the console learns where.
                Answer::Refused(e) => web_sys::console::warn_2(
                    &"nownext: the status file is refused at".into(),
                    &e.field.into(),
                ),
            }
        });
    }

    /// Time left until the next change, updated each second.
    pub fn remaining(self) -> Memo<TimeDelta> {
        let status = self.status;
        Memo::new(move |_| status.with(|s| s.countdown().unwrap_or_default()))
    }

    /// Seconds elapsed and in all of the running period, for a `<progress>`: whole numbers,
    /// so the bundle needs no float formatting.
    pub fn progress(self) -> (impl Fn() -> i64 + Copy, impl Fn() -> i64 + Copy) {
        let status = self.status;
        let span = move || status.with(|s| s.span());
        (
            move || span().map_or(0, |s| s.elapsed.num_seconds()),
            move || span().map_or(1, |s| (s.elapsed + s.remaining).num_seconds()),
        )
    }

    /// The meeting's wall clock in the page's language, `14:05` or with seconds `14:05:09`.
    pub fn clock(self, seconds: bool) -> impl Fn() -> String + Copy {
        let now = self.now;
        let i18n = I18n::here();
        move || {
            let at = PROGRAMME.stamp(now.get().timestamp());
            let lang = i18n.lang();
            if seconds {
                crate::browser::intl::meeting_time_seconds(lang, at)
            } else {
                crate::browser::intl::meeting_time(lang, at)
            }
        }
    }
}

/// A polite live region: a screen reader hears when a session starts or ends, never the
/// seconds, in the page's language.
#[component]
pub fn Announcer(live: Live) -> impl IntoView {
    let i18n = I18n::here();
    view! {
        <p class="visually-hidden" aria-live="polite">
            {move || {
                // Said again in a newly chosen language, which also confirms the choice.
                i18n.track();
                let (phase, delay) = live.phase.get();
                announcement(i18n, phase, delay)
            }}
        </p>
    }
}

// Only the words for a night between two days use the delay.
#[cfg_attr(not(multi_day), allow(unused_variables))]
fn announcement(i18n: I18n, phase: Phase<'_>, delay: crate::day::timeline::Delay) -> String {
    let titled = |key, session: &model::programme::Session| {
        i18n.fill(key, &[("title", &i18n.text(&session.title))])
    };
    match phase {
        Phase::Before { .. } => String::new(),
        Phase::Live { session, .. } => titled(Key::NowOn, session),
        Phase::Break {
            next: Some(next), ..
        } => titled(Key::BreakNext, next),
        Phase::Break { next: None, .. } => i18n.t(Key::BreakOnly),
        #[cfg(multi_day)]
        Phase::Overnight { next, days } => {
            let starts = delay.starts(next);
            let lang = i18n.lang();
            i18n.fill(
                super::time::resumes_key(days),
                &[
                    ("time", &crate::browser::intl::meeting_time(lang, starts)),
                    ("date", &crate::browser::intl::meeting_date(lang, starts)),
                ],
            )
        }
        Phase::After { .. } => i18n.t(Key::MeetingEnded),
    }
}
