//! The meeting's background, objective and format: one tap away, out of the way.

use leptos::prelude::*;

use crate::PROGRAMME;

#[component]
pub fn About() -> impl IntoView {
    let meeting = &PROGRAMME.meeting;
    let format = &PROGRAMME.format;
    let paragraphs = |texts: &'static [crate::programme::Text]| {
        texts
            .iter()
            .map(|t| view! { <p>{t.as_ref()}</p> })
            .collect_view()
    };
    view! {
        <details class="about">
            <summary>"About this meeting"</summary>
            <h3>"Background"</h3>
            {paragraphs(&meeting.background)}
            <h3>"Objective"</h3>
            {paragraphs(&meeting.objective)}
            <h3>"Format"</h3>
            <p>{format.summary.as_ref()}</p>
            {paragraphs(&format.rules)}
            <p>
                {format!(
                    "Delegations are kindly asked to limit their interventions to a maximum of {} minutes.",
                    format.intervention_minutes,
                )}
            </p>
            {(!meeting.in_cooperation_with.is_empty()).then(|| view! {
                <h3>"In cooperation with"</h3>
                <ul>
                    {meeting.in_cooperation_with.iter().map(|o| view! { <li>{o.as_ref()}</li> }).collect_view()}
                </ul>
            })}
        </details>
    }
}
