//! The meeting's background, objective and format: one tap away, out of the way.

use leptos::prelude::*;

use crate::PROGRAMME;
use crate::browser::language::I18n;
use crate::i18n::Key;
use model::Text;

#[component]
pub fn About() -> impl IntoView {
    let i18n = I18n::here();
    let meeting = &PROGRAMME.meeting;
    let format = &PROGRAMME.format;
    let t = move |key| i18n.t(key);
    let paragraphs = move |texts: &'static [Text]| {
        texts
            .iter()
            .map(|text| view! { <p>{i18n.text(text)}</p> })
            .collect_view()
    };
    // A part the programme file leaves out gets no heading either.
    let part = move |key, texts: &'static [Text]| {
        (!texts.is_empty()).then(|| view! { <h3>{t(key)}</h3> {paragraphs(texts)} })
    };
    let minutes = format.intervention_minutes;
    view! {
        <details class="about">
            <summary>{t(Key::About)}</summary>
            {part(Key::Background, &meeting.background)}
            {part(Key::Objective, &meeting.objective)}
            <h3>{t(Key::Format)}</h3>
            <p>{i18n.text(&format.summary)}</p>
            {paragraphs(&format.rules)}
            <p>{i18n.plural(Key::InterventionRule, minutes, &[])}</p>
            {(!meeting.in_cooperation_with.is_empty()).then(|| view! {
                <h3>{t(Key::InCooperationWith)}</h3>
                <ul>
                    {meeting.in_cooperation_with.iter().map(|o| view! { <li>{i18n.text(o)}</li> }).collect_view()}
                </ul>
            })}
        </details>
    }
}
