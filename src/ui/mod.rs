//! The pages: Leptos components, one file per part, fed by one `now` signal. The phone page
//! and the projector page are separate bundles, so phones never download the projector.

mod about;
mod app;
mod day;
mod notices;
mod now_bar;
mod phone;
mod projector;
mod qr;
mod time;

pub use app::{Announcer, Live};
pub use phone::Phone;
pub use projector::Projector;

#[cfg(target_arch = "wasm32")]
pub use start::{start_phone, start_projector};

#[cfg(target_arch = "wasm32")]
mod start {
    use leptos::prelude::*;

    use super::{Announcer, Live, Phone, Projector};
    use crate::PROGRAMME;
    use crate::clock::{Ticker, TimeSource};
    use crate::settings::{self, Settings};

    /// The phone page's entry point. `?view=projector` goes to the projector page.
    pub fn start_phone() {
        let query = window().location().search().unwrap_or_default();
        if let Some(target) = settings::projector_redirect(&query) {
            let _ = window().location().replace(&target);
            return;
        }
        start(|settings, live| view! { <Phone settings live /> });
    }

    /// The projector page's entry point.
    pub fn start_projector() {
        start(|settings, live| view! { <Projector settings live /> });
    }

    /// Reads the address, starts the clock and mounts `page`.
    fn start<V: IntoView + 'static>(page: fn(Settings, Live) -> V) {
        std::panic::set_hook(Box::new(show_fault));
        let query = window().location().search().unwrap_or_default();
        let settings = settings::parse(&query, &PROGRAMME);
        let real_now = js_sys::Date::now();
        let source = match settings.preview {
            Some(preview) => TimeSource::preview(preview, real_now),
            None => TimeSource::REAL,
        };
        let (now, set_now) = signal(source.instant(real_now));
        // The clock runs as long as the page does.
        std::mem::forget(Ticker::start(source, set_now));
        document().set_title(&format!("Now and next · {}", PROGRAMME.meeting.title));
        leptos::mount::mount_to_body(move || {
            let live = Live::new(settings.delay, now);
            view! {
                {page(settings, live)}
                <Announcer live />
            }
        });
    }

    /// A fault must never leave a blank or frozen page without a word: say so over the
    /// programme, which stays on screen as last drawn.
    fn show_fault(info: &std::panic::PanicHookInfo<'_>) {
        web_sys::console::error_1(&format!("nownext: {info}").into());
        let Some(fault) = document().get_element_by_id("fault") else {
            return;
        };
        fault.set_text_content(Some(
            "Live times stopped because of an error in this page. The programme shown is \
             still right; reload the page to restart the clock.",
        ));
        let _ = fault.remove_attribute("hidden");
    }
}
