//! Component tests in a real browser: `cargo test --target wasm32-unknown-unknown --test web`
//! runs them in headless Chromium (see `.cargo/config.toml` and `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, TimeDelta, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use model::{Kind, Session};
use model::{Lang, file};
use nownext::PROGRAMME;
use nownext::browser::intl;
use nownext::browser::language::I18n;
use nownext::day::address::{Notice, Settings};
use nownext::day::countdown::{clock_text, iso_duration};
use nownext::day::timeline::Delay;
use nownext::i18n::{Catalog, ENGLISH, KEYS, Key};
use nownext::ui::{Announcer, Live, Phone, Projector};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn at(unix: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix, 0).expect("a time of the meeting")
}

// Whatever meeting is built: every instant and text below comes from its programme.

/// The first session (not a break) of at least four minutes, and what follows it.
fn talk() -> (&'static Session, Option<&'static Session>) {
    let sessions = &PROGRAMME.sessions;
    let (i, s) = (sessions.iter().enumerate())
        .find(|(_, s)| s.kind == Kind::Session && s.ends.unix - s.starts.unix >= 240)
        .expect("a session of four minutes or more");
    (s, sessions.get(i + 1))
}

/// A quarter of the way into `session`.
fn into(session: &Session) -> i64 {
    session.starts.unix + (session.ends.unix - session.starts.unix) / 4
}

fn seconds(s: i64) -> TimeDelta {
    TimeDelta::seconds(s)
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
    start: DateTime<Utc>,
) -> (HtmlElement, WriteSignal<DateTime<Utc>>, impl Drop) {
    mounted_page(Page::Phone, settings, start)
}

fn mounted_page(
    page: Page,
    settings: Settings,
    start: DateTime<Utc>,
) -> (HtmlElement, WriteSignal<DateTime<Utc>>, impl Drop) {
    mounted_in(I18n::new(None, false), page, settings, start)
}

/// As [`mounted_page`], in the language `i18n` shows.
fn mounted_in(
    i18n: I18n,
    page: Page,
    settings: Settings,
    start: DateTime<Utc>,
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
    let (now, set_now) = signal(start);
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
    let (session, _) = talk();
    let t = into(session);
    let (page, set_now, _handle) = mounted(Settings::default(), at(t));
    tick().await;

    let live = find(&page, "[aria-current]");
    assert_eq!(live.id(), session.id);
    assert_eq!(attr(&live, "aria-current"), "time");
    let countdown = find(&page, ".now-bar time.countdown");
    let left = seconds(session.ends.unix - t);
    assert_eq!(attr(&countdown, "datetime"), iso_duration(left));
    assert_eq!(countdown.text_content(), Some(clock_text(left)));
    let title = find(&page, ".now-title");
    assert_eq!(
        title.text_content().as_deref(),
        Some(&*session.title.original)
    );
    let progress = find(&page, ".now-bar progress");
    let length = session.ends.unix - session.starts.unix;
    assert_eq!(attr(&progress, "max"), length.to_string());
    assert_eq!(
        attr(&progress, "value"),
        (t - session.starts.unix).to_string()
    );

    set_now.set(at(t + 1));
    tick().await;

    // The same elements, updated in place: a tick rebuilds nothing.
    let left = left - seconds(1);
    assert_eq!(attr(&countdown, "datetime"), iso_duration(left));
    assert_eq!(countdown.text_content(), Some(clock_text(left)));
    assert_eq!(
        attr(&progress, "value"),
        (t + 1 - session.starts.unix).to_string()
    );
    assert!(countdown.is_connected() && title.is_connected());
    assert!(find(&page, "[aria-current]").is_same_node(Some(&live)));

    page.remove();
}

#[wasm_bindgen_test]
async fn a_session_ending_moves_the_mark_and_is_announced() {
    let (session, next) = talk();
    let end = session.ends.unix;
    let (page, set_now, _handle) = mounted(Settings::default(), at(end - 1));
    tick().await;
    let row = find(&page, &format!("#{}", session.id));
    let region = find(&page, "[aria-live=polite]");
    assert_eq!(attr(&row, "aria-current"), "time");
    let now_on = format!("Now on: {}.", session.title.original);
    assert_eq!(region.text_content(), Some(now_on.clone()));
    assert_eq!(
        attr(&find(&page, ".now-bar time.countdown"), "datetime"),
        "PT0H0M1S"
    );

    set_now.set(at(end));
    tick().await;

    assert!(row.is_connected(), "rows are kept, not rebuilt");
    assert!(!row.has_attribute("aria-current"));
    assert!(row.class_list().contains("past"));
    // What comes next is marked if it starts right then, and said either way.
    let marked = page.query_selector("[aria-current]").expect("selector");
    let touching = next.filter(|n| n.starts.unix == end);
    assert_eq!(marked.map(|m| m.id()), touching.map(|n| n.id.to_string()));
    let said = region.text_content().unwrap_or_default();
    assert!(!said.is_empty() && said != now_on, "{said}");
    page.remove();
}

#[wasm_bindgen_test]
async fn times_are_time_elements_with_their_offset() {
    let first = &PROGRAMME.sessions[0];
    let (page, _set_now, _handle) = mounted(Settings::default(), at(first.starts.unix - 3_600));
    tick().await;
    let times = page
        .query_selector_all(&format!("#{} .when > time", first.id))
        .expect("selector");
    assert_eq!(times.length(), 2);
    let starts: Element = times.get(0).expect("start").unchecked_into();
    assert_eq!(attr(&starts, "datetime"), first.starts.rfc3339());
    assert_eq!(starts.text_content(), Some(first.starts.wall_time()));
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
    let (page, _set_now, _handle) = mounted(settings, at(into(talk().0)));
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
            .length() as usize,
        PROGRAMME.sessions.len()
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
    let (session, next) = talk();
    // Halfway through it, with the whole meeting ten minutes late.
    let t = (session.starts.unix + session.ends.unix) / 2 + 600;
    let (page, set_now, _handle) = mounted_page(Page::Projector, settings, at(t));
    tick().await;
    assert_eq!(
        find(&page, ".pj-title").text_content().as_deref(),
        Some(&*session.title.original)
    );
    assert_eq!(
        find(&page, ".late").text_content().as_deref(),
        Some("Running 10 minutes late")
    );
    assert_eq!(
        attr(&find(&page, ".pj-now time.countdown"), "datetime"),
        iso_duration(seconds(session.ends.unix + 600 - t))
    );
    let qr = find(&page, "svg.qr");
    let url = attr(&qr, "data-url");
    // The test page is not under projector/, so the phone page is its own folder.
    assert!(url.ends_with("/?delay=10"), "{url}");
    let Some(next) = next else {
        page.remove();
        return;
    };
    let shown = find(&page, ".pj-next").text_content().unwrap_or_default();
    let moved = next.starts.shifted(TimeDelta::minutes(10));
    assert!(
        shown.contains(&moved.wall_time()) && shown.contains(&*next.title.original),
        "{shown}"
    );

    set_now.set(at(moved.unix));
    tick().await;
    assert_eq!(
        find(&page, ".pj-title").text_content().as_deref(),
        Some(&*next.title.original)
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
        let (page, _set_now, _handle) = mounted_in(i18n, Page::Phone, settings, at(into(talk().0)));
        tick().await;
        let late = find(&page, ".now-late").text_content().unwrap_or_default();
        assert_eq!(late, format!("Задержка на {words}"));
        page.remove();
    }
}

#[wasm_bindgen_test]
async fn switching_language_keeps_the_live_mark_and_the_countdown() {
    let i18n = I18n::new(None, false);
    let (session, _) = talk();
    let t = into(session);
    let (page, set_now, _handle) = mounted_in(i18n, Page::Phone, Settings::default(), at(t));
    tick().await;
    let countdown = find(&page, ".now-bar time.countdown");
    let left = seconds(session.ends.unix - t);
    assert_eq!(countdown.text_content(), Some(clock_text(left)));

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
    assert_eq!(attr(&find(&page, "[aria-current]"), "id"), session.id);
    // A message without a translation reads as English, never empty.
    let heading = find(&page, "#day-heading")
        .text_content()
        .unwrap_or_default();
    assert!(
        heading.starts_with(ENGLISH[Key::Programme as usize]),
        "{heading}"
    );

    set_now.set(at(t + 1));
    tick().await;
    let count = find(&page, ".now-bar .now-count")
        .text_content()
        .unwrap_or_default();
    let left = clock_text(left - seconds(1));
    assert!(count.starts_with(&format!("متبقٍ {left}")), "{count}");

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
    let (page, _set_now, _handle) = mounted(Settings::default(), at(into(talk().0)));
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
