//! The details panel of the selected body: names, kind, parent, roles, dates, website,
//! summary, relations (each a button that jumps to the other body) and sources.
//! Links are made only from http(s) URLs and open with `rel="noopener noreferrer"`.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{MapState, Model};
use crate::model::validate::is_web_url;

#[component]
pub fn Details(model: Arc<Model>, state: MapState) -> impl IntoView {
    move || state.selected.get().filter(|&i| i < model.dataset.nodes.len()).map(|i| panel(&model, state, i))
}

fn panel(model: &Model, state: MapState, i: usize) -> impl IntoView {
    let d = &model.dataset;
    let node = &d.nodes[i];
    let jump = move |to: usize| move |_| state.selected.set(Some(to));
    let name_of = |k: usize| d.nodes[k].name.en.clone();
    let country = d.country(&node.country).map(|c| c.name.en.clone()).unwrap_or_else(|| "Between countries".into());

    let parents = model.graph.parents(d, i);
    let dates = match node.until {
        Some(until) => format!("{} – {}", node.since, until),
        None => format!("since {}", node.since),
    };
    let roles = node.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");

    let mut relations: Vec<(String, usize, String)> = model
        .graph
        .relations(i)
        .into_iter()
        .map(|(k, other, outgoing)| {
            let kind = d.edges[k].kind;
            let phrase = if outgoing { kind.label() } else { kind.inverse_label() };
            (phrase.to_string(), other, name_of(other))
        })
        .collect();
    relations.sort();

    view! {
        <aside class="details" data-panel="details" aria-label="Details of the selected body">
            <button type="button" class="close" aria-label="Close details" title="Close (Esc)" on:click=move |_| state.selected.set(None)>"×"</button>
            <h2 class="name-en">{node.name.en.clone()}</h2>
            {node.name.ja.clone().map(|ja| view! { <p class="name-ja" lang="ja">{ja}</p> })}
            {node.short.clone().map(|s| view! { <p class="short">{s.en}</p> })}
            <dl>
                <dt>"Kind"</dt><dd>{node.kind.label()}</dd>
                <dt>"Country"</dt><dd>{country}</dd>
                {(!parents.is_empty()).then(|| view! {
                    <dt>"Part of"</dt>
                    <dd>{parents.iter().map(|&p| view! { <button type="button" class="link" on:click=jump(p)>{name_of(p)}</button> }).collect_view()}</dd>
                })}
                {(!roles.is_empty()).then(|| view! { <dt>"Roles"</dt><dd>{roles}</dd> })}
                <dt>"Dates"</dt><dd>{dates}</dd>
                {node.successor.as_ref().and_then(|s| model.graph.node_index(s)).map(|s| view! {
                    <dt>"Succeeded by"</dt><dd><button type="button" class="link" on:click=jump(s)>{name_of(s)}</button></dd>
                })}
                {node.website.clone().map(|w| view! { <dt>"Website"</dt><dd>{external_link(w.clone(), w)}</dd> })}
            </dl>
            {node.summary.clone().map(|s| view! {
                <p class="summary">{s.en}</p>
                {s.ja.map(|ja| view! { <p class="summary" lang="ja">{ja}</p> })}
            })}
            <h3>{format!("Relations ({})", relations.len())}</h3>
            <ul class="relations">
                {relations.into_iter().map(|(phrase, other, name)| view! {
                    <li>{phrase}" "<button type="button" class="link" data-relation-target=d.nodes[other].id.clone() on:click=jump(other)>{name}</button></li>
                }).collect_view()}
            </ul>
            <h3>"Sources"</h3>
            <ul class="sources">
                {node.sources.iter().map(|s| view! {
                    <li>{external_link(s.url.clone(), s.title.clone())}" "<span class="accessed">{format!("(accessed {})", s.accessed)}</span></li>
                }).collect_view()}
            </ul>
        </aside>
    }
}

/// A link only for http(s) URLs; anything else is shown as inert text.
fn external_link(url: String, text: String) -> AnyView {
    if is_web_url(&url) {
        view! { <a href=url target="_blank" rel="noopener noreferrer">{text}</a> }.into_any()
    } else {
        view! { <span class="unsafe-url">{text}</span> }.into_any()
    }
}
