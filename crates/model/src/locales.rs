//! Reading and checking the page's messages in `locales/*.toml`: run by the build script, so
//! a missing or broken translation stops the build, and by the tests. Never in the bundle.

use std::collections::BTreeMap;

use crate::Lang;
use crate::file::{FORM, RECORD, plural};

/// The page's messages: their keys in file order, and each language's messages in that
/// order (plural messages encoded with [`plural`]).
#[derive(Debug)]
pub struct Messages {
    pub keys: Vec<String>,
    pub by_lang: BTreeMap<Lang, Vec<String>>,
}

/// The plural categories (CLDR cardinal rules) a language's plural messages must give: the
/// ones the browser's `Intl.PluralRules` answers with.
pub fn plural_categories(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ar => &["zero", "one", "two", "few", "many", "other"],
        Lang::Zh => &["other"],
        Lang::En => &["one", "other"],
        Lang::Fr | Lang::Es => &["one", "many", "other"],
        Lang::Ru => &["one", "few", "many", "other"],
    }
}

/// Reads every language's messages with `read` (given a file name such as `fr.toml`) and
/// checks them against English. Each problem is one line naming the file and the key.
pub fn read(read: impl Fn(&str) -> Result<String, String>) -> Result<Messages, Vec<String>> {
    let mut problems = Vec::new();
    let mut tables = BTreeMap::new();
    for lang in Lang::ALL {
        let name = format!("{}.toml", lang.code());
        match read(&name).and_then(|text| text.parse::<toml::Table>().map_err(|e| e.to_string())) {
            Ok(table) => {
                tables.insert(lang, table);
            }
            Err(e) => problems.push(format!("locales/{name}: {}", e.trim_end())),
        }
    }
    let Some(english) = tables.get(&Lang::ORIGINAL) else {
        return Err(problems);
    };
    let keys: Vec<String> = english.keys().cloned().collect();
    let mut by_lang = BTreeMap::new();
    for (&lang, table) in &tables {
        let file = format!("locales/{}.toml", lang.code());
        for key in table.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("{file}: `{key}` is not a key of locales/en.toml"));
        }
        let mut messages = Vec::new();
        for key in &keys {
            let at = format!("{file}, `{key}`");
            match table.get(key) {
                None => problems.push(format!("{at}: missing (locales/en.toml has it)")),
                Some(value) => match message(lang, key, value, &english[key]) {
                    Ok(text) => messages.push(text),
                    Err(problem) => problems.push(format!("{at}: {problem}")),
                },
            }
        }
        by_lang.insert(lang, messages);
    }
    if problems.is_empty() {
        Ok(Messages { keys, by_lang })
    } else {
        Err(problems)
    }
}

/// One message, checked against its English original and encoded for the language file.
fn message(
    lang: Lang,
    key: &str,
    value: &toml::Value,
    english: &toml::Value,
) -> Result<String, String> {
    let wanted = placeholders_of(english);
    // `whole`: every placeholder of the English, no more; otherwise some of them may be left
    // out (a plural form that says its number in words).
    let check_text = |text: &str, whole: bool| -> Result<(), String> {
        if text.contains([RECORD, FORM]) {
            return Err("contains a control character (U+001E or U+001F)".into());
        }
        let found = placeholders(text);
        let fits = if whole {
            found == wanted
        } else {
            found.iter().all(|p| wanted.contains(p))
        };
        if !fits {
            return Err(format!(
                "has placeholders {found:?} where English has {wanted:?}"
            ));
        }
        let may_be_empty = key == "unofficial" && lang == Lang::ORIGINAL;
        if text.trim().is_empty() && !may_be_empty {
            return Err("is empty".into());
        }
        Ok(())
    };
    match value {
        toml::Value::String(text) => {
            if english.is_table() {
                return Err("must be a table of plural forms, as in English".into());
            }
            check_text(text, true)?;
            Ok(text.clone())
        }
        toml::Value::Table(forms) => {
            if !english.is_table() {
                return Err("must be a plain text, as in English".into());
            }
            let categories = plural_categories(lang);
            let mut pairs = Vec::new();
            for &category in categories {
                let Some(text) = forms.get(category).and_then(|f| f.as_str()) else {
                    return Err(format!(
                        "lacks the plural form `{category}` ({} needs {})",
                        lang.code(),
                        categories.join(", ")
                    ));
                };
                check_text(text, category == "other")?;
                pairs.push((category, text));
            }
            if let Some(extra) = forms.keys().find(|k| !categories.contains(&k.as_str())) {
                return Err(format!(
                    "has a plural form `{extra}` that {} does not use ({})",
                    lang.code(),
                    categories.join(", ")
                ));
            }
            Ok(plural(pairs))
        }
        _ => Err("must be a text or a table of plural forms".into()),
    }
}

/// The `{name}`s in a text, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect();
    found.sort();
    found
}

/// The placeholders of an English message; for plural forms, those of its `other` form.
fn placeholders_of(english: &toml::Value) -> Vec<String> {
    match english {
        toml::Value::String(text) => placeholders(text),
        toml::Value::Table(forms) => forms
            .get("other")
            .and_then(|f| f.as_str())
            .map(placeholders)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lang: Lang) -> String {
        let path = format!(
            "{}/../../locales/{}.toml",
            env!("CARGO_MANIFEST_DIR"),
            lang.code()
        );
        std::fs::read_to_string(path).unwrap_or_default()
    }

    /// Every language's messages, with `edit` applied to the text of `lang`'s file.
    fn read_edited(lang: Lang, edit: impl Fn(String) -> String) -> Result<Messages, Vec<String>> {
        read(|name| {
            let l = Lang::ALL
                .into_iter()
                .find(|l| name == format!("{}.toml", l.code()))
                .ok_or("no such file")?;
            Ok(if l == lang { edit(file(l)) } else { file(l) })
        })
    }

    #[test]
    fn every_language_has_every_message() {
        let messages = read_edited(Lang::En, |t| t).unwrap_or_else(|p| panic!("{p:#?}"));
        for lang in Lang::ALL {
            assert_eq!(
                messages.by_lang[&lang].len(),
                messages.keys.len(),
                "{lang:?}"
            );
        }
    }

    #[test]
    fn a_missing_message_names_file_and_key() {
        let found = read_edited(Lang::Fr, |t| {
            t.lines()
                .filter(|l| !l.starts_with("starts_in ="))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .map(|_| ())
        .unwrap_err();
        assert_eq!(
            found,
            ["locales/fr.toml, `starts_in`: missing (locales/en.toml has it)"]
        );
    }

    #[test]
    fn a_lost_placeholder_is_refused() {
        let found = read_edited(Lang::Es, |t| t.replace("{countdown}", "pronto"))
            .map(|_| ())
            .unwrap_err();
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("locales/es.toml, `starts_in`: has placeholders")),
            "{found:?}"
        );
    }

    #[test]
    fn russian_needs_its_plural_forms() {
        let found = read_edited(Lang::Ru, |t| {
            let from = t.find("running_late = ").unwrap_or(0);
            let line_end = t[from..].find('\n').map_or(t.len(), |e| from + e);
            format!(
                "{}running_late = {{ one = \"на {{n}} минуту\", other = \"на {{n}} минуты\" }}{}",
                &t[..from],
                &t[line_end..]
            )
        })
        .map(|_| ())
        .unwrap_err();
        assert_eq!(
            found,
            [
                "locales/ru.toml, `running_late`: lacks the plural form `few` (ru needs one, few, many, other)"
            ]
        );
    }

    #[test]
    fn a_plural_form_may_say_its_number_in_words_but_other_keeps_it() {
        let arabic = read_edited(Lang::Ar, |t| t).unwrap_or_else(|p| panic!("{p:#?}"));
        assert!(
            arabic.by_lang[&Lang::Ar]
                .iter()
                .any(|m| m.contains("دقيقتين"))
        );
        let found = read_edited(Lang::Fr, |t| {
            t.replace(
                "other = \"Retard de {n} minutes\"",
                "other = \"Retard de minutes\"",
            )
        })
        .map(|_| ())
        .unwrap_err();
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("locales/fr.toml, `running_late`: has placeholders")),
            "{found:?}"
        );
    }

    #[test]
    fn an_unknown_key_is_a_typo() {
        let found = read_edited(Lang::Zh, |t| {
            format!("{t}\nstrats_in = \"{{countdown}}\"\n")
        })
        .map(|_| ())
        .unwrap_err();
        assert_eq!(
            found,
            ["locales/zh.toml: `strats_in` is not a key of locales/en.toml"]
        );
    }
}
