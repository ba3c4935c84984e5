//! The language switcher, the line that says a page is a translation, and messages with
//! elements (a time, a countdown) in their placeholders.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::language::I18n;
use crate::i18n::{Key, Piece, pieces};
use model::Lang;

/// A `<select>` of the six languages, each named in itself. Changing it switches the page
/// at once, with no reload. `still`: on the page as built, where it cannot work yet, it
/// names only the page's own language: Arabic and Chinese names would have the browser
/// look for their fonts before its first paint, about a tenth of a second on the
/// benchmark's slow phone (Slow 4G, a 4× slower CPU).
/// Its width is set in the style, so the app's full list takes the same room.
#[component]
pub fn LanguagePicker(#[prop(optional)] still: bool) -> impl IntoView {
    let i18n = I18n::here();
    let options = if still {
        let lang = i18n.lang();
        view! { <option value=lang.code() lang=lang.code() selected>{lang.name()}</option> }
            .into_any()
    } else {
        view! {
            // Written out rather than built from `Lang::ALL`: static markup costs the
            // bundle far less than six generated elements (a test checks they match).
            <option value="ar" lang="ar">"العربية"</option>
            <option value="zh" lang="zh">"中文"</option>
            <option value="en" lang="en">"English"</option>
            <option value="fr" lang="fr">"Français"</option>
            <option value="ru" lang="ru">"Русский"</option>
            <option value="es" lang="es">"Español"</option>
        }
        .into_any()
    };
    view! {
        <label class="language" inert=still>
            <span class="visually-hidden">{i18n.t(Key::Language)}</span>
            <select
                // Read again when a language fails to come: the switcher goes back.
                prop:value=move || {
                    i18n.unavailable().track();
                    i18n.lang().code()
                }
                on:change=move |ev| {
                    if let Some(lang) = Lang::of_tag(&event_target_value(&ev)) {
                        i18n.choose(lang);
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}

/// On a translated page, says quietly that the English original prevails; on the
/// original, nothing. Also says when a language could not be fetched.
#[component]
pub fn Translation() -> impl IntoView {
    let i18n = I18n::here();
    view! {
        {
            let unofficial = i18n.t(Key::Unofficial);
            (!unofficial.is_empty()).then(|| view! { <p class="unofficial">{unofficial}</p> })
        }
        {move || {
            i18n.unavailable().get().map(|lang| {
                view! {
                    <p class="notice-line" role="status">
                        {i18n.fill(Key::LanguageUnavailable, &[("language", lang.name())])}
                    </p>
                }
            })
        }}
    }
}

/// A message with an element in each placeholder: `starts in {countdown}` becomes the words
/// around a live countdown, in whatever order the language puts them.
pub fn message_with(key: Key, slot: impl Fn(&str) -> AnyView) -> impl IntoView {
    pieces_view(key, &slot)
}

// Not generic, so the bundle carries its code once whatever the slots hold.
fn pieces_view(key: Key, slot: &dyn Fn(&str) -> AnyView) -> Vec<AnyView> {
    let i18n = I18n::here();
    i18n.with(|catalog| {
        pieces(catalog.message(key))
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.to_owned().into_any(),
                Piece::Slot(name) => slot(name),
            })
            .collect()
    })
}

/// The view `view` makes, made again when the language changes. Its texts are plain
/// strings: Leptos rebuilds the view in place, so the elements stay (and with them focus,
/// an open `<details>`, the scroll position) and only the words change.
pub fn in_language<V: IntoView + 'static>(
    view: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18n::here();
    // Called through a pointer: Leptos calls it from two places (first build, rebuild), and
    // inlined into both the page's code would be in the bundle twice.
    let view: Arc<dyn Fn() -> AnyView + Send + Sync> = Arc::new(move || view().into_any());
    move || {
        i18n.track();
        untrack(&*view)
    }
}
