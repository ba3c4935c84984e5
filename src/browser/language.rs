//! The page's language in the browser: which one to open in, switching without a reload,
//! remembering the choice, fetching a translation's file, and the document's `lang` and `dir`.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::location;
use crate::day::address;
use crate::i18n::{Catalog, FILES, Key, fill};
use model::Lang;
use model::Text;

/// Where the device remembers the reader's choice.
const STORAGE_KEY: &str = "nownext-language";

/// The page's language, shared by every view through Leptos' context.
///
/// As with Leptos' signals, a read by a plain name (`t`, `lang`, `with`…) subscribes the
/// running effect to a change of language, and one ending in `_untracked` does not.
#[derive(Clone, Copy)]
pub struct I18n {
    catalog: RwSignal<Arc<Catalog>>,
    /// The language asked for last: a file that arrives for an earlier choice is dropped.
    wanted: RwSignal<Lang>,
    /// The language the page's address names (`?lang=`), which links and the QR code carry.
    pinned: ReadSignal<Option<Lang>>,
    set_pinned: WriteSignal<Option<Lang>>,
    /// A language whose file could not be fetched, to say so.
    unavailable: ReadSignal<Option<Lang>>,
    set_unavailable: WriteSignal<Option<Lang>>,
    /// Whether a choice is written into the address: the projector's language is the room's,
    /// and its QR code passes it on.
    pin_choice: bool,
}

impl I18n {
    /// English, until [`I18n::switch`] brings another language.
    pub fn new(pinned: Option<Lang>, pin_choice: bool) -> I18n {
        // Split, so that only this type writes them.
        let (pinned, set_pinned) = signal(pinned);
        let (unavailable, set_unavailable) = signal(None);
        I18n {
            catalog: RwSignal::new(Arc::new(Catalog::english())),
            wanted: RwSignal::new(Lang::ORIGINAL),
            pinned,
            set_pinned,
            unavailable,
            set_unavailable,
            pin_choice,
        }
    }

    /// The page's language, from Leptos' context. A view mounted without one is a mistake:
    /// it fails at once in a debug build (the tests); the bundle speaks English rather than
    /// carry panic formatting.
    pub fn here() -> I18n {
        use_context().unwrap_or_else(|| {
            debug_assert!(false, "I18n::here: no I18n provided above this view");
            I18n::new(None, false)
        })
    }

    /// The language to open in: the address's, then the one chosen on this device, then the
    /// first of the browser's languages the page speaks.
    pub fn initial(address: Option<Lang>) -> Lang {
        address
            .or_else(|| stored().as_deref().and_then(Lang::of_tag))
            .unwrap_or_else(|| {
                let preferred = browser_languages();
                Lang::best_match(preferred.iter().map(String::as_str))
            })
    }

    // The views show plain strings, and a page rebuilds in place when the language changes
    // (see `ui::language::in_language`, which builds it untracked). A text node per
    // message, rather than a reactive binding per message, keeps a great deal of code out
    // of the wasm (measured in f7c8d0b).

    /// Subscribes the running effect to language changes.
    #[inline(never)]
    pub fn track(self) {
        self.catalog.track();
    }

    /// The language shown now.
    pub fn lang(self) -> Lang {
        self.with(|c| c.lang())
    }

    /// The language shown now, untracked.
    pub fn lang_untracked(self) -> Lang {
        self.with_untracked(|c| c.lang())
    }

    /// The language the address names (`?lang=`), read-only: only a reader's choice changes
    /// it.
    pub fn pinned(self) -> ReadSignal<Option<Lang>> {
        self.pinned
    }

    /// A language whose file could not be fetched, read-only.
    pub fn unavailable(self) -> ReadSignal<Option<Lang>> {
        self.unavailable
    }

    /// Reads the current catalogue.
    pub fn with<T>(self, read: impl FnOnce(&Catalog) -> T) -> T {
        // Tracking once here, not in each reader's copy of `RwSignal::with`.
        self.track();
        self.with_untracked(read)
    }

    /// Reads the current catalogue, untracked.
    pub fn with_untracked<T>(self, read: impl FnOnce(&Catalog) -> T) -> T {
        self.catalog.with_untracked(|c| read(c))
    }

    /// A message.
    pub fn t(self, key: Key) -> String {
        self.with(|c| c.message(key).to_owned())
    }

    /// A message with its placeholders filled.
    pub fn fill(self, key: Key, values: &[(&str, &str)]) -> String {
        self.with(|c| fill(c.message(key), |name| lookup(values, name)))
    }

    /// The form of a plural message for `n`, filled.
    pub fn plural(self, key: Key, n: u32, values: &[(&str, &str)]) -> String {
        self.with(|c| {
            let category = crate::browser::intl::plural_category(c.lang(), n);
            let n = n.to_string();
            fill(c.plural(key, &category), |name| {
                if name == "n" {
                    Some(n.as_str())
                } else {
                    lookup(values, name)
                }
            })
        })
    }

    /// A text of the programme.
    pub fn text(self, text: &Text) -> String {
        self.with(|c| c.text(text).to_owned())
    }

    /// The reader picked `lang`: switch, then remember it (and, on the projector, write it
    /// into the address). A language whose file cannot come is neither.
    pub fn choose(self, lang: Lang) {
        wasm_bindgen_futures::spawn_local(async move {
            if self.switch(lang).await {
                remember(lang);
                if self.pin_choice || self.pinned.get_untracked().is_some() {
                    self.set_pinned.set(Some(lang));
                    // So that a reload or a copied link keeps it.
                    location::replace_query(&address::with_lang(&location::query(), Some(lang)));
                }
            }
        });
    }

    /// Shows `lang` once its file is here, and says whether it did; keeps the current
    /// language if the file cannot come, or if another language was asked for meanwhile.
    pub async fn switch(self, lang: Lang) -> bool {
        self.wanted.set(lang);
        self.set_unavailable.set(None);
        let catalog = if lang == Lang::ORIGINAL {
            Some(Catalog::english())
        } else {
            fetch(lang).await
        };
        if self.wanted.get_untracked() != lang {
            return false;
        }
        match catalog {
            Some(catalog) => {
                self.show(catalog);
                true
            }
            None => {
                self.wanted.set(self.lang_untracked());
                self.set_unavailable.set(Some(lang));
                false
            }
        }
    }

    /// Shows the page in `catalog`'s language, now.
    pub fn show(self, catalog: Catalog) {
        self.wanted.set(catalog.lang());
        self.catalog.set(Arc::new(catalog));
    }

    /// Keeps the document's `lang`, `dir`, title and fault message in step with the language.
    pub fn follow_in_document(self) {
        Effect::new(move |_| {
            self.track();
            let lang = self.lang();
            let document = document();
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.code());
                let _ = root.set_attribute("dir", lang.dir());
            }
            // Written while hidden: a fault cannot ask for a translation.
            if let Some(fault) = document.get_element_by_id(crate::i18n::FAULT_ID) {
                fault.set_text_content(Some(&self.t(Key::Fault)));
            }
            let title = self.text(&crate::PROGRAMME.meeting.title);
            document.set_title(&format!("{} · {title}", self.t(Key::PageTitle)));
        });
    }
}

fn lookup<'a>(values: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// A translation's file, fetched beside the page (so under any sub-path).
async fn fetch(lang: Lang) -> Option<Catalog> {
    let name = FILES.iter().find(|(l, _)| *l == lang)?.1;
    let response = JsFuture::from(window().fetch_with_str(&format!("lang/{name}")))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    Catalog::parse(lang, &text)
}

/// `navigator.languages`, most wanted first.
fn browser_languages() -> Vec<String> {
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect()
}

// Storage can be switched off or full (private modes): then the choice lasts the visit.

fn stored() -> Option<String> {
    window().local_storage().ok()??.get_item(STORAGE_KEY).ok()?
}

fn remember(lang: Lang) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}
