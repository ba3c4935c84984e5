//! Component tests in a real browser: `cargo test --target wasm32-unknown-unknown --test web`
//! runs them in headless Chromium (see `.cargo/config.toml` and `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use model::{Lang, file};
use nownext::i18n::{Catalog, ENGLISH, I18n, KEYS, Key};
use nownext::intl;
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
    mounted_in(I18n::new(None, false), page, settings, start)
}

/// As [`mounted_page`], in the language `i18n` shows.
fn mounted_in(
    i18n: I18n,
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
        provide_context(i18n);
        i18n.follow_in_document();
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

/// A catalogue for `lang` that says only `messages`; everything else reads as English.
fn catalog(lang: Lang, messages: &[(Key, String)]) -> Catalog {
    let mut records = vec![String::new(); KEYS];
    for (key, text) in messages {
        records[*key as usize] = text.clone();
    }
    Catalog::parse(lang, &file::encode(lang, &records)).expect("a catalogue")
}

#[wasm_bindgen_test]
fn the_browser_s_plural_rules_pick_russian_and_arabic_forms() {
    let ru = |n| intl::plural_category(Lang::Ru, n);
    assert_eq!(
        [ru(1), ru(2), ru(5), ru(21), ru(11)],
        ["one", "few", "many", "one", "many"]
    );
    let ar = |n| intl::plural_category(Lang::Ar, n);
    assert_eq!(
        [ar(0), ar(1), ar(2), ar(3), ar(11), ar(100)],
        ["zero", "one", "two", "few", "many", "other"]
    );
    assert_eq!(intl::plural_category(Lang::Zh, 1), "other");
}

#[wasm_bindgen_test]
async fn running_late_takes_the_russian_form_for_each_number() {
    let forms = file::plural([
        ("one", "Задержка на {n} минуту"),
        ("few", "Задержка на {n} минуты"),
        ("many", "Задержка на {n} минут"),
        ("other", "Задержка на {n} минуты"),
    ]);
    let i18n = I18n::new(None, false);
    i18n.show(catalog(Lang::Ru, &[(Key::RunningLate, forms)]));
    for (minutes, words) in [
        (1, "1 минуту"),
        (2, "2 минуты"),
        (5, "5 минут"),
        (21, "21 минуту"),
    ] {
        let settings = Settings {
            delay: Delay {
                minutes,
                since: None,
            },
            ..Settings::default()
        };
        let (page, _set_now, _handle) =
            mounted_in(i18n, Page::Phone, settings, "2012-04-03T11:30:00-04:00");
        tick().await;
        let late = find(&page, ".now-late").text_content().unwrap_or_default();
        assert_eq!(late, format!("Задержка на {words}"));
        page.remove();
    }
}

#[wasm_bindgen_test]
async fn switching_language_keeps_the_live_mark_and_the_countdown() {
    let i18n = I18n::new(None, false);
    let (page, set_now, _handle) = mounted_in(
        i18n,
        Page::Phone,
        Settings::default(),
        "2012-04-03T11:30:00-04:00",
    );
    tick().await;
    let countdown = find(&page, ".now-bar time.countdown");
    assert_eq!(countdown.text_content().as_deref(), Some("1:30:00"));

    i18n.show(catalog(
        Lang::Ar,
        &[
            (Key::Now, "الآن".to_owned()),
            (Key::LeftUntil, "متبقٍ {countdown} · حتى {time}".to_owned()),
        ],
    ));
    tick().await;
    let root = document().document_element().expect("html");
    assert_eq!(attr(&root, "lang"), "ar");
    assert_eq!(attr(&root, "dir"), "rtl");
    assert_eq!(
        find(&page, ".now-state").text_content().as_deref(),
        Some("الآن")
    );
    assert_eq!(attr(&find(&page, "[aria-current]"), "id"), "panel-1");
    // A message without a translation reads as English, never empty.
    let heading = find(&page, "#day-heading")
        .text_content()
        .unwrap_or_default();
    assert!(
        heading.starts_with(ENGLISH[Key::Programme as usize]),
        "{heading}"
    );

    set_now.set(at("2012-04-03T11:30:01-04:00"));
    tick().await;
    let count = find(&page, ".now-bar .now-count")
        .text_content()
        .unwrap_or_default();
    assert!(count.starts_with("متبقٍ 1:29:59"), "{count}");

    i18n.show(Catalog::english());
    tick().await;
    assert_eq!(attr(&root, "dir"), "ltr");
    assert_eq!(
        find(&page, ".now-state").text_content().as_deref(),
        Some("Now")
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn the_switcher_lists_the_six_languages_each_in_itself() {
    let (page, _set_now, _handle) = mounted(Settings::default(), "2012-04-03T11:30:00-04:00");
    tick().await;
    let options = page
        .query_selector_all(".language option")
        .expect("valid selector");
    let listed: Vec<(String, String, String)> = (0..options.length())
        .filter_map(|i| options.item(i))
        .map(|o| {
            let o: Element = o.unchecked_into();
            (
                attr(&o, "value"),
                attr(&o, "lang"),
                o.text_content().unwrap_or_default(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = Lang::ALL
        .iter()
        .map(|l| {
            (
                l.code().to_owned(),
                l.code().to_owned(),
                l.name().to_owned(),
            )
        })
        .collect();
    assert_eq!(listed, expected);
    page.remove();
}
