//! The six official languages of the United Nations, and how a browser's preferences map
//! onto them. Shared with the build script, which names the language files after them.

/// A language the page speaks. English is the original; the others are translations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Ar,
    Zh,
    #[default]
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    /// In the order the United Nations lists them.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// The language every text is written in first, and the one that prevails.
    pub const ORIGINAL: Lang = Lang::En;

    /// The ISO 639-1 code: `fr`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// The language's own name, as a reader of it looks for it in a list.
    pub const fn name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
        }
    }

    /// The locale `Intl` formats times with. English is British English: 24-hour times and
    /// day-month dates, as United Nations documents write them. Arabic asks for Latin
    /// digits, which some engines' default for `ar` is not: the countdown and the numbers in
    /// messages use them, and one page should not mix two sets of digits.
    pub const fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Zh => "zh-CN",
            Lang::Ar => "ar-u-nu-latn",
            other => other.code(),
        }
    }

    /// Arabic is written right to left.
    pub const fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }

    /// For the document's `dir`.
    pub const fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The language of a BCP 47 tag such as `fr-CH` or `zh-Hant-TW`, by its primary subtag;
    /// `None` for a language the page does not speak, or for anything that is not a tag.
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.len() > 35 {
            return None;
        }
        let primary = tag.split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The first of a browser's preferred languages the page speaks; English when it speaks
    /// none of them.
    pub fn best_match<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::of_tag)
            .unwrap_or(Lang::ORIGINAL)
    }
}
