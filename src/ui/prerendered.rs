//! The phone page as built: the whole programme as static HTML, rendered at build time by
//! the same components the app uses, so a phone shows it before the wasm arrives and keeps
//! it where the app cannot run (no WebAssembly, as in iOS Lockdown Mode, or no JavaScript).
//! The app replaces it when it starts, with the same layout: the now-bar's place is kept
//! and the buttons are there, inert until then.

use chrono::TimeDelta;
use leptos::prelude::*;

use super::about::About;
use super::app::Live;
use super::day::Day;
use super::phone::MeetingHeader;
use super::{FAULT_ID, PRERENDERED_ID};
use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::day::timeline::Delay;
use crate::i18n::Key;
use model::programme::Stamp;

/// The phone page's body as built, in English, the original.
pub fn page() -> String {
    render(|| {
        let opening = PROGRAMME.sessions.first().map(|s| s.starts);
        // A day before the meeting: nothing is live or past on a page that has no clock.
        let before = opening
            .map(|at| at.instant() - TimeDelta::days(1))
            .unwrap_or_default();
        let live = Live::new(Delay::NONE, signal(before).0);
        let marked = RwSignal::new(None);
        let i18n = I18n::here();
        view! {
            <FaultLine />
            <div id=PRERENDERED_ID>
                <script inner_html=fit_to_reader(opening) />
                <MeetingHeader still=true />
                <section class="now-bar" aria-label=i18n.t(Key::Now)>
                    <p class="no-live">{i18n.t(Key::NoLiveTimes)}</p>
                    <p class="no-start">{i18n.t(Key::NotStarted)}</p>
                </section>
                <main>
                    <Day live marked still=true />
                    <About />
                </main>
            </div>
        }
    })
}

/// The projector page's body as built: it needs the app to show anything live, so where the
/// app cannot run or failed to start it says so and links to the phone page, which has the
/// whole programme.
pub fn projector_page() -> String {
    render(|| {
        let i18n = I18n::here();
        view! {
            <FaultLine />
            <div id=PRERENDERED_ID class="pj-still">
                <script inner_html=fit_to_reader(None) />
                <p class="no-live">{i18n.t(Key::NoLiveTimes)}</p>
                <p class="no-start">{i18n.t(Key::NotStarted)}</p>
                <p class="no-app"><a href="../">{i18n.t(Key::Programme)}</a></p>
            </div>
        }
    })
}

/// The line that says the app stopped on a fault: hidden, in English until the app sets
/// the page's language, so that it has words even for a fault before that.
#[component]
fn FaultLine() -> impl IntoView {
    view! { <div id=FAULT_ID role="alert" hidden>{I18n::here().t(Key::Fault)}</div> }
}

/// A view as HTML, rendered once outside any effect: untracked, so nothing subscribes (or
/// warns). Without the markers (`<!>`) Leptos leaves for hydration: the app replaces the
/// page as built rather than hydrating it.
/// Renders `view` in English, the original, which the page as built speaks.
fn render<V: RenderHtml>(view: impl FnOnce() -> V) -> String {
    Owner::new().with(|| {
        provide_context(I18n::new(None, false));
        untrack(|| view().to_html().replace("<!>", ""))
    })
}

/// A line of script, run before the page is painted, that fits the page as built to the
/// reader's browser so the app changes nothing when it takes over. Where the app can run
/// (`wasm`), the lines saying why there are no live times keep their place unseen (if the
/// app then fails to start, bundle/page.js shows the one that says so); on a
/// clock that reads differently from the meeting's (`elsewhere`), each row keeps a line
/// free for the reader's own times, which the app adds. Without JavaScript, neither.
fn fit_to_reader(opening: Option<Stamp>) -> String {
    let elsewhere = opening.map(|at| {
        // `getTimezoneOffset` counts minutes west of UTC; a stamp's offset, seconds east.
        let (ms, west) = (at.unix * 1000, -at.offset / 60);
        format!("if(new Date({ms}).getTimezoneOffset()!={west})c.add(\"elsewhere\");")
    });
    format!(
        "var c=document.documentElement.classList;if(typeof WebAssembly==\"object\"){{c.add(\"wasm\");{}}}",
        elsewhere.unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reader without the app must find: every session with its meeting-time range
    /// and title, every theme, the venue and the day, nothing marked live.
    #[test]
    fn the_page_as_built_holds_the_whole_programme() {
        let html = page();
        let meeting = &PROGRAMME.meeting;
        assert!(html.contains(&*meeting.title.original));
        assert!(html.contains(&*meeting.venue.original));
        for day in PROGRAMME.days() {
            let date = day[0].starts.local().format("%A, %-d %B %Y").to_string();
            assert!(html.contains(&date), "the day in words: {date}");
        }
        for session in PROGRAMME.sessions.iter() {
            let range = format!(
                "{}</time>–<time datetime=\"{}\" dir=\"ltr\">{}",
                session.starts.wall_time(),
                session.ends.rfc3339(),
                session.ends.wall_time()
            );
            assert!(html.contains(&range), "{} at {range}", session.id);
            assert!(html.contains(&format!("id=\"{}\"", session.id)));
            assert!(html.contains(&*escaped(&session.title.original)));
            for theme in session.themes.iter() {
                assert!(
                    html.contains(&*escaped(&theme.original)),
                    "{}",
                    theme.original
                );
            }
        }
        assert!(
            !html.contains("aria-current"),
            "nothing is live on a page without a clock"
        );
        assert!(!html.contains("class=\"session live"));
        assert!(
            !html.contains("<!>"),
            "no hydration markers: the app does not hydrate"
        );
    }

    #[test]
    fn both_pages_hold_the_fault_line_hidden_in_english_outside_the_page_as_built() {
        let line = format!(
            "<div id=\"fault\" role=\"alert\" hidden>{}</div><div id=\"prerendered\"",
            crate::i18n::ENGLISH[Key::Fault as usize]
        );
        assert!(page().starts_with(&line), "{}", page());
        assert!(projector_page().starts_with(&line), "{}", projector_page());
    }

    #[test]
    fn the_script_compares_the_readers_clock_with_the_meetings_at_the_opening() {
        // 10:00 on 15 January 2030 at UTC−5: 300 minutes west.
        let opening = Stamp::try_from("2030-01-15T10:00:00-05:00".to_owned()).ok();
        let script = fit_to_reader(opening);
        assert!(
            script.contains("new Date(1894719600000).getTimezoneOffset()!=300"),
            "{script}"
        );
        assert!(script.starts_with(
            "var c=document.documentElement.classList;if(typeof WebAssembly==\"object\")"
        ));
        // East of UTC, the sign turns.
        let tokyo = Stamp::try_from("2030-01-15T10:00:00+09:00".to_owned()).ok();
        assert!(fit_to_reader(tokyo).contains("getTimezoneOffset()!=-540"));
        assert!(!fit_to_reader(None).contains("elsewhere"));
        // The page compares at the programme's own opening.
        let opening = PROGRAMME.sessions.first().map(|s| s.starts);
        assert!(page().contains(&format!("<script>{}</script>", fit_to_reader(opening))));
    }

    #[test]
    fn the_projector_as_built_says_why_and_links_to_the_programme() {
        let html = projector_page();
        assert!(html.contains(crate::i18n::ENGLISH[Key::NoLiveTimes as usize]));
        assert!(html.contains(crate::i18n::ENGLISH[Key::NotStarted as usize]));
        assert!(html.contains("<a href=\"../\">Programme</a>"), "{html}");
    }

    #[test]
    fn the_buttons_wait_for_the_app_and_the_line_says_why() {
        let html = page();
        assert!(html.contains(crate::i18n::ENGLISH[Key::NoLiveTimes as usize]));
        assert!(html.contains(crate::i18n::ENGLISH[Key::NotStarted as usize]));
        let buttons = html.matches("<button").count();
        let sessions = PROGRAMME
            .sessions
            .iter()
            .filter(|s| s.kind == model::programme::Kind::Session)
            .count();
        // Two per session and one for the whole day, inside inert containers.
        assert_eq!(buttons, 2 * sessions + 1);
        assert_eq!(html.matches("inert").count(), sessions + 2);
    }

    fn escaped(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
}
