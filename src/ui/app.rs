//! What every view shares: the instant, the delay and what they make of the day, and the
//! live region that tells screen readers when something starts or ends.

use chrono::{DateTime, TimeDelta, Utc};
use leptos::prelude::*;

use crate::PROGRAMME;
use crate::i18n::{I18n, Key};
use crate::timeline::{self, Delay, Phase, Status};

#[derive(Clone, Copy)]
pub struct Live {
    pub now: ReadSignal<DateTime<Utc>>,
    pub delay: RwSignal<Delay>,
    pub status: Memo<Status<'static>>,
    /// Changes only when something starts or ends, or the delay changes.
    pub phase: Memo<(Phase<'static>, Delay)>,
}

impl Live {
    pub fn new(delay: Delay, now: ReadSignal<DateTime<Utc>>) -> Live {
        let delay = RwSignal::new(delay);
        let status = Memo::new(move |_| timeline::status_at(&PROGRAMME, delay.get(), now.get()));
        let phase = Memo::new(move |_| (status.with(|s| s.phase()), delay.get()));
        Live {
            now,
            delay,
            status,
            phase,
        }
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
                crate::intl::meeting_time_seconds(lang, at)
            } else {
                crate::intl::meeting_time(lang, at)
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
                announcement(i18n, live.phase.get().0)
            }}
        </p>
    }
}

fn announcement(i18n: I18n, phase: Phase<'_>) -> String {
    let titled = |key, session: &crate::programme::Session| {
        i18n.fill(key, &[("title", &i18n.text(&session.title))])
    };
    match phase {
        Phase::Before { .. } => String::new(),
        Phase::Live { session, .. } => titled(Key::NowOn, session),
        Phase::Break {
            next: Some(next), ..
        } => titled(Key::BreakNext, next),
        Phase::Break { next: None, .. } => i18n.t(Key::BreakOnly),
        Phase::After { .. } => i18n.t(Key::MeetingEnded),
    }
}
