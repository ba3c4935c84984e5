//! A new deployment (a corrected programme) reaching an open page. The page's own script
//! asks the service worker to look for one every few minutes while the page is shown, and
//! says `nownext-updated` when one has taken over (bundle/page.js). The page then offers to
//! show it: a reader is never moved under their thumb. The projector switches by itself
//! when its intervention timer is not running. After the switch, what changed is marked
//! once ([`crate::day::changes`]).

use leptos::prelude::*;

use crate::browser::language::I18n;
use crate::day::changes::{Changes, Mark};
use crate::i18n::Key;

static NOTHING: Changes = Changes {
    marks: Vec::new(),
    cancelled: Vec::new(),
};

/// What this page knows of deployments: whether a newer one is ready, and what changed
/// since this browser last showed the programme.
#[derive(Clone, Copy)]
pub struct Revision {
    pub ready: RwSignal<bool>,
    /// Read once per page: kept for the page's life rather than in a reactive store.
    pub changes: &'static Changes,
}

impl Revision {
    /// Nothing to offer and nothing marked: the page as built.
    pub fn none() -> Revision {
        Revision {
            ready: RwSignal::new(false),
            changes: &NOTHING,
        }
    }

    /// Compares the programme with the one this browser showed last (kept per page folder
    /// in its storage), keeps the new one as seen once the page is shown, and listens for
    /// a new deployment.
    #[cfg(target_arch = "wasm32")]
    pub fn start() -> Revision {
        use crate::PROGRAMME;
        use crate::day::changes;

        let storage = window().local_storage().ok().flatten();
        let folder = crate::browser::location::path();
        let key = format!("nownext-programme {folder}");
        let previous = storage
            .as_ref()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .unwrap_or_default();
        let now = changes::snapshot(&PROGRAMME);
        let revision = Revision {
            ready: RwSignal::new(false),
            changes: Box::leak(Box::new(changes::since(&previous, &PROGRAMME))),
        };
        // Seen once shown: a page opened in a background tab keeps its marks for the reader.
        // Written once; later showings have nothing new to keep.
        let written = std::cell::Cell::new(false);
        let seen = move || {
            if !written.get()
                && document().visibility_state() == web_sys::VisibilityState::Visible
                && let Some(storage) = &storage
            {
                written.set(storage.set_item(&key, &now).is_ok());
            }
        };
        seen();
        let on_shown = window_event_listener(leptos::ev::visibilitychange, move |_| seen());
        let ready = revision.ready;
        let on_updated = window_event_listener_untyped("nownext-updated", move |_| ready.set(true));
        // Listening as long as the page is mounted.
        on_cleanup(move || {
            on_shown.remove();
            on_updated.remove();
        });
        revision
    }
}

/// "The programme has been updated. Show it", once a newer deployment is ready; and the
/// sessions it no longer has.
#[component]
pub fn Revised(revision: Revision) -> impl IntoView {
    let i18n = I18n::here();
    let cancelled = revision.changes.cancelled.clone();
    let cancelled = (!cancelled.is_empty()).then(|| {
        view! {
            <ul class="cancelled">
                {cancelled
                    .into_iter()
                    .map(|title| view! { <li>{i18n.fill(Key::Cancelled, &[("title", &title)])}</li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <p class="revised" role="status" hidden=move || !revision.ready.get()>
            {i18n.t(Key::ProgrammeUpdated)} " "
            <button type="button" on:click=|_| crate::browser::location::reload()>
                {i18n.t(Key::ShowIt)}
            </button>
        </p>
        {cancelled}
    }
}

/// The mark on a session's row: `moved from 15:00`, `changed`, `new`.
pub fn mark(revision: Revision, id: &str) -> Option<impl IntoView + use<>> {
    let i18n = I18n::here();
    let mark = revision.changes.mark(id)?;
    let text = match mark {
        Mark::Moved { from } => {
            let at = crate::PROGRAMME.stamp(from);
            i18n.fill(
                Key::MovedFrom,
                &[("time", &crate::browser::intl::meeting_time(i18n.lang(), at))],
            )
        }
        Mark::Changed => i18n.t(Key::Changed),
        Mark::New => i18n.t(Key::NewSession),
    };
    Some(view! { <span class="revision-mark">{text}</span> })
}
