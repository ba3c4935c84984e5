//! The pages: Leptos components, one file per part, fed by one `now` signal. The phone page
//! and the projector page are separate bundles, so phones never download the projector.

mod about;
mod app;
mod day;
mod language;
mod notices;
mod now_bar;
mod phone;
// Rendered natively at build time (src/bin/prerender.rs); the bundle needs none of it.
#[cfg(not(target_arch = "wasm32"))]
mod prerendered;
mod projector;
mod qr;
mod revision;
mod take_away;
mod time;

pub use app::{Announcer, Live};
pub use phone::Phone;
#[cfg(not(target_arch = "wasm32"))]
pub use prerendered::{page as prerendered_page, projector_page as prerendered_projector};
pub use projector::Projector;

/// The element holding the page as built, which the app removes as it mounts the live page.
pub const PRERENDERED_ID: &str = "prerendered";

pub use crate::i18n::FAULT_ID;

#[cfg(target_arch = "wasm32")]
pub use start::{start_phone, start_projector};

#[cfg(target_arch = "wasm32")]
mod start {
    use leptos::prelude::*;

    use super::{Announcer, Live, Phone, Projector};
    use std::cell::Cell;
    use std::rc::Rc;

    use gloo_timers::callback::Timeout;

    use crate::PROGRAMME;
    use crate::browser::language::I18n;
    use crate::browser::location;
    use crate::browser::ticker;
    use crate::day::address::{self, Settings};
    use crate::day::clock::TimeSource;
    use model::Lang;

    /// How long a page waits for its language's file before it opens in English.
    const LANGUAGE_WAIT_MS: u32 = 2_500;

    /// The phone page's entry point. `?view=projector` goes to the projector page.
    pub fn start_phone() {
        if let Some(target) = address::projector_redirect(&location::query()) {
            location::go(&target);
            return;
        }
        start(
            false,
            "status.json",
            |settings, live| view! { <Phone settings live /> },
        );
    }

    /// The projector page's entry point.
    pub fn start_projector() {
        start(
            true,
            "../status.json",
            |settings, live| view! { <Projector settings live /> },
        );
    }

    /// Reads the address, starts the clock and mounts `page` in the reader's language.
    /// `pin_choice`: a language picked on this page goes into its address (the projector's,
    /// so its QR code passes it on). `status`: the room's status file, one beside the phone
    /// page for both pages.
    fn start<V: IntoView + 'static>(
        pin_choice: bool,
        status: &'static str,
        page: fn(Settings, Live) -> V,
    ) {
        std::panic::set_hook(Box::new(log_panic));
        let settings = address::parse(&location::query(), &PROGRAMME);
        let real_now = js_sys::Date::now();
        let source = match settings.preview {
            Some(preview) => TimeSource::preview(preview, real_now),
            None => TimeSource::REAL,
        };
        let lang = I18n::initial(settings.lang);
        let i18n = I18n::new(settings.lang, pin_choice);
        let mount = move || {
            leptos::mount::mount_to_body(move || {
                provide_context(i18n);
                i18n.follow_in_document();
                // The clock runs as long as the page does.
                let now = ticker::ticking(source);
                let live = Live {
                    revision: super::revision::Revision::start(),
                    ..Live::new(settings.delay, now)
                };
                // A preview shows another instant than the room's now: it keeps to its address.
                if settings.preview.is_none() {
                    live.follow_room(status);
                }
                view! {
                    {page(settings, live)}
                    <Announcer live />
                }
            });
            // The page as built gives way to the live one, in the same frame and layout;
            // only once that is built, so an app that fails while building leaves the
            // programme on screen, with the line that says live times could not start.
            if let Some(built) = document().get_element_by_id(super::PRERENDERED_ID) {
                built.remove();
            }
        };
        if lang == Lang::ORIGINAL {
            mount();
            return;
        }
        // Open in the reader's language once its file is here, rather than flash English;
        // if it is slow to come, open in English and switch when it arrives.
        let mount = Rc::new(Cell::new(Some(mount)));
        let mount_once = move || {
            if let Some(mount) = mount.take() {
                mount();
            }
        };
        let on_time = mount_once.clone();
        Timeout::new(LANGUAGE_WAIT_MS, on_time).forget();
        wasm_bindgen_futures::spawn_local(async move {
            // Shown if it came; English otherwise, with a line saying so.
            i18n.switch(lang).await;
            mount_once();
        });
    }

    /// Says what a panic was, for whoever opens the console. The reader's line over the
    /// programme is shown by the page's own script when the wasm traps, as every panic ends
    /// (bundle/page.js), in every build: where panics abort at once (the nightly
    /// build) this hook never runs at all.
    fn log_panic(info: &std::panic::PanicHookInfo<'_>) {
        web_sys::console::error_1(&format!("nownext: {info}").into());
    }
}
