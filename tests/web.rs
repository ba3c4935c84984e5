//! Component tests in a real browser: `cargo test --target wasm32-unknown-unknown --test web`
//! runs them in headless Chromium (see `.cargo/config.toml` and `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use nownext::settings::{Notice, Settings};
use nownext::timeline::Delay;
use nownext::ui::{Announcer, Live, Phone, Projector};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("test instant")
        .with_timezone(&Utc)
}

/// Which page to mount.
#[derive(Clone, Copy)]
enum Page {
    Phone,
    Projector,
}

/// A fresh container in the page with the phone page mounted in it, on a clock the test
/// drives.
fn mounted(
    settings: Settings,
    start: &str,
) -> (HtmlElement, WriteSignal<DateTime<Utc>>, impl Drop) {
    mounted_page(Page::Phone, settings, start)
}

fn mounted_page(
    page: Page,
    settings: Settings,
    start: &str,
) -> (HtmlElement, WriteSignal<DateTime<Utc>>, impl Drop) {
    let container: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&container)
        .expect("append");
    let (now, set_now) = signal(at(start));
    let handle = mount_to(container.clone(), move || {
        let live = Live::new(settings.delay, now);
        let page = match page {
            Page::Phone => view! { <Phone settings live /> }.into_any(),
            Page::Projector => view! { <Projector settings live /> }.into_any(),
        };
        view! {
            {page}
            <Announcer live />
        }
    });
    (container, set_now, handle)
}

fn find(container: &HtmlElement, selector: &str) -> Element {
    container
        .query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn attr(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_live_session_is_marked_and_its_countdown_ticks_in_place() {
    let (page, set_now, _handle) = mounted(Settings::default(), "2012-04-03T11:30:00-04:00");
    tick().await;

    let live = find(&page, "[aria-current]");
    assert_eq!(live.id(), "panel-1");
    assert_eq!(attr(&live, "aria-current"), "time");
    let countdown = find(&page, ".now-bar time.countdown");
    assert_eq!(attr(&countdown, "datetime"), "PT1H30M0S");
    assert_eq!(countdown.text_content().as_deref(), Some("1:30:00"));
    let title = find(&page, ".now-title");
    assert_eq!(
        title.text_content().as_deref(),
        Some("Interactive Panel Discussion I")
    );
    let progress = find(&page, ".now-bar progress");
    assert_eq!(attr(&progress, "max"), "7200");
    assert_eq!(attr(&progress, "value"), "1800");

    set_now.set(at("2012-04-03T11:30:01-04:00"));
    tick().await;

    // The same elements, updated in place: a tick rebuilds nothing.
    assert_eq!(attr(&countdown, "datetime"), "PT1H29M59S");
    assert_eq!(countdown.text_content().as_deref(), Some("1:29:59"));
    assert_eq!(attr(&progress, "value"), "1801");
    assert!(countdown.is_connected() && title.is_connected());
    assert!(find(&page, "[aria-current]").is_same_node(Some(&live)));

    page.remove();
}

#[wasm_bindgen_test]
async fn a_session_ending_moves_the_mark_and_is_announced() {
    let (page, set_now, _handle) = mounted(Settings::default(), "2012-04-03T12:59:59-04:00");
    tick().await;
    let panel = find(&page, "#panel-1");
    let region = find(&page, "[aria-live=polite]");
    assert_eq!(attr(&panel, "aria-current"), "time");
    assert_eq!(
        region.text_content().as_deref(),
        Some("Now on: Interactive Panel Discussion I.")
    );
    assert_eq!(
        attr(&find(&page, ".now-bar time.countdown"), "datetime"),
        "PT0H0M1S"
    );

    set_now.set(at("2012-04-03T13:00:00-04:00"));
    tick().await;

    let live = find(&page, "[aria-current]");
    assert_eq!(live.id(), "break");
    assert!(panel.is_connected(), "rows are kept, not rebuilt");
    assert!(!panel.has_attribute("aria-current"));
    assert!(panel.class_list().contains("past"));
    assert_eq!(
        region.text_content().as_deref(),
        Some("Break. Next: Interactive Panel Discussion II.")
    );
    assert_eq!(
        attr(&find(&page, ".now-bar time.countdown"), "datetime"),
        "PT2H0M0S"
    );

    page.remove();
}

#[wasm_bindgen_test]
async fn times_are_time_elements_with_their_offset() {
    let (page, _set_now, _handle) = mounted(Settings::default(), "2012-04-03T09:00:00-04:00");
    tick().await;
    let opening_times = page
        .query_selector_all("#opening .when > time")
        .expect("selector");
    assert_eq!(opening_times.length(), 2);
    let starts: Element = opening_times.get(0).expect("start").unchecked_into();
    assert_eq!(attr(&starts, "datetime"), "2012-04-03T10:00:00-04:00");
    assert_eq!(starts.text_content().as_deref(), Some("10:00"));
    assert!(
        page.query_selector("[aria-current]")
            .expect("selector")
            .is_none()
    );
    assert_eq!(
        find(&page, ".now-state").text_content().as_deref(),
        Some("Coming up")
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn a_bad_parameter_is_explained_and_the_programme_stays() {
    let settings = Settings {
        notices: vec![Notice::BadAt("<b>noon</b>".into())],
        ..Settings::default()
    };
    let (page, _set_now, _handle) = mounted(settings, "2012-04-03T11:00:00-04:00");
    tick().await;
    let notice = find(&page, ".notices li");
    assert!(
        notice
            .text_content()
            .unwrap_or_default()
            .contains("at=<b>noon</b>"),
        "shown as text"
    );
    assert!(
        page.query_selector(".notices b")
            .expect("selector")
            .is_none(),
        "never as markup"
    );
    assert_eq!(
        page.query_selector_all(".sessions > li")
            .expect("rows")
            .length(),
        5
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn the_projector_shows_now_next_and_a_qr_code_for_phones() {
    let settings = Settings {
        delay: Delay {
            minutes: 10,
            since: None,
        },
        ..Settings::default()
    };
    let (page, set_now, _handle) =
        mounted_page(Page::Projector, settings, "2012-04-03T16:00:00-04:00");
    tick().await;
    assert_eq!(
        find(&page, ".pj-title").text_content().as_deref(),
        Some("Interactive Panel Discussion II")
    );
    assert_eq!(
        find(&page, ".late").text_content().as_deref(),
        Some("Running 10 minutes late")
    );
    // Panel II started at 15:10 with the whole day 10 minutes late: 1:55:00 left.
    assert_eq!(
        attr(&find(&page, ".pj-now time.countdown"), "datetime"),
        "PT1H55M0S"
    );
    let next = find(&page, ".pj-next").text_content().unwrap_or_default();
    assert!(
        next.contains("17:55") && next.contains("Closing Remarks"),
        "{next}"
    );
    let qr = find(&page, "svg.qr");
    let url = attr(&qr, "data-url");
    // The test page is not under projector/, so the phone page is its own folder.
    assert!(url.ends_with("/?delay=10"), "{url}");

    set_now.set(at("2012-04-03T17:55:00-04:00"));
    tick().await;
    assert_eq!(
        find(&page, ".pj-title").text_content().as_deref(),
        Some("Closing Remarks")
    );
    page.remove();
}
