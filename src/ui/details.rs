//! The details panel of the selected body: names, kind, parent, roles, dates, website,
//! summary, relations (each a button that jumps to the other body) and sources, plus the
//! entry points to focus and the path finder. Links are made only from http(s) URLs and open
//! with `rel="noopener noreferrer"`.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{date, kind_label, pick, relation_label, role_label, shown, tr};
use super::state::{MapState, Model};
use crate::model::validate::is_web_url;
use crate::view::Lang;

#[component]
pub fn Details(model: Arc<Model>, state: MapState) -> impl IntoView {
    // Focus moves into the panel when it opens and back to the body when it closes.
    Effect::new(move |previous: Option<Option<usize>>| {
        let selected = state.selected.get();
        match (previous.flatten(), selected) {
            (before, Some(now)) if before != Some(now) && previous.is_some() => {
                request_animation_frame(focus_panel);
            }
            (Some(before), None) => {
                let id = state.id_of(before);
                request_animation_frame(move || super::map::focus_node(&id));
            }
            _ => {}
        }
        selected
    });
    move || {
        let lang = state.lang.get();
        // The summary, website and sources arrive with the whole dataset, after the first paint.
        model.complete.track();
        state
            .selected
            .get()
            .filter(|&i| i < model.dataset.nodes.len())
            .map(|i| panel(&model, state, i, lang))
    }
}

fn panel(model: &Model, state: MapState, i: usize, lang: Lang) -> impl IntoView {
    let t = tr(lang);
    let d = &model.dataset;
    let node = &d.nodes[i];
    let jump = move |to: usize| move |_| state.select(Some(to));
    let name_of = |k: usize| pick(&d.nodes[k].name, lang).0;
    let country = d
        .country(&node.country)
        .map(|c| pick(&c.name, lang).0)
        .unwrap_or_else(|| t.between_countries.to_string());
    let parents = model.graph.parents(d, i);
    let dates = match node.until {
        Some(until) => format!("{} – {}", date(node.since, lang), date(until, lang)),
        None => format!("{} {}", t.since, date(node.since, lang)),
    };
    let roles = node
        .roles
        .iter()
        .map(|r| role_label(*r, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let mut relations: Vec<(String, usize, String, String)> = model
        .graph
        .relations(i)
        .into_iter()
        .map(|(k, other, outgoing)| {
            let phrase = relation_label(d.edges[k].kind, outgoing, lang).to_string();
            (phrase, other, name_of(other), d.nodes[other].id.clone())
        })
        .collect();
    relations.sort();
    relations.dedup();
    let (title, title_fallback) = pick(&node.name, lang);
    let other_name = match lang {
        Lang::En => node.name.ja.as_deref().map(|ja| (shown(ja), "ja")),
        Lang::Ja => (!title_fallback).then(|| (shown(&node.name.en), "en")),
    };
    let aria_title = title.clone();
    let id = node.id.clone();
    let (id_focus, id_from, id_to) = (id.clone(), id.clone(), id.clone());

    view! {
        <aside class="details" data-panel="details" aria-label=aria_title tabindex="-1">
            <button type="button" class="close" aria-label=t.close title=format!("{} (Esc)", t.close) on:click=move |_| state.select(None)>"×"</button>
            <h2 class="name">{title}{title_fallback.then(|| view! { <span class="fallback">" "{t.english_only}</span> })}</h2>
            {other_name.map(|(n, l)| view! { <p class="name-other" lang=l>{n}</p> })}
            {node.short.clone().map(|s| view! { <p class="short">{pick(&s, lang).0}</p> })}
            <div class="panel-actions">
                {move || {
                    let fold = state.visible.with(|v| v.fold_state(&state.model.get_value().dataset, &state.model.get_value().graph, i).map(|open| (open, v.folded[i])));
                    fold.map(|(open, n)| {
                        let text = if open { t.collapse.to_string() } else { format!("{} (+{n})", t.expand) };
                        view! { <button type="button" data-action="toggle-open" aria-expanded=open.to_string() on:click=move |_| state.set_open(i, !open)>{text}</button> }
                    })
                }}
                <button type="button" on:click=move |_| state.view.update(|v| v.focus = Some(id_focus.clone()))>{t.focus_here}</button>
                <button type="button" on:click=move |_| state.view.update(|v| { let to = v.path.clone().map(|p| p.1).unwrap_or_default(); v.path = Some((id_from.clone(), to)); })>{t.path_from_here}</button>
                <button type="button" on:click=move |_| state.view.update(|v| { let from = v.path.clone().map(|p| p.0).unwrap_or_default(); v.path = Some((from, id_to.clone())); })>{t.path_to_here}</button>
            </div>
            <dl>
                <dt>{t.kind}</dt><dd>{kind_label(node.kind, lang)}</dd>
                <dt>{t.country}</dt><dd>{country}</dd>
                {(!parents.is_empty()).then(|| view! {
                    <dt>{t.part_of}</dt>
                    <dd>{parents.iter().map(|&p| view! { <button type="button" class="link" data-ref-id=d.nodes[p].id.clone() on:click=jump(p)>{name_of(p)}</button>" " }).collect_view()}</dd>
                })}
                {(!roles.is_empty()).then(|| view! { <dt>{t.roles}</dt><dd>{roles}</dd> })}
                <dt>{t.dates}</dt><dd>{dates}</dd>
                {node.successor.as_ref().and_then(|s| model.graph.node_index(s)).map(|s| view! {
                    <dt>{t.succeeded_by}</dt><dd><button type="button" class="link" data-ref-id=d.nodes[s].id.clone() on:click=jump(s)>{name_of(s)}</button></dd>
                })}
                {node.website.clone().map(|w| view! { <dt>{t.website}</dt><dd>{external_link(w.clone(), shown(&w))}</dd> })}
            </dl>
            {node.summary.clone().map(|s| {
                let (text, fallback) = pick(&s, lang);
                view! { <p class="summary" lang=if fallback || lang == Lang::En { "en" } else { "ja" }>{text}{fallback.then(|| view! { <span class="fallback">" "{t.english_only}</span> })}</p> }
            })}
            <h3>{format!("{} ({})", t.relations, relations.len())}</h3>
            <ul class="relations">
                {relations.into_iter().map(|(phrase, other, name, other_id)| view! {
                    <li>{phrase}" "<button type="button" class="link" data-ref-id=other_id on:click=jump(other)>{name}</button></li>
                }).collect_view()}
            </ul>
            <h3>{t.sources}</h3>
            <ul class="sources">
                {node.sources.iter().map(|s| view! {
                    <li>{external_link(s.url.clone(), shown(&s.title))}" "<span class="accessed">{format!("({} {})", t.accessed, s.accessed)}</span></li>
                }).collect_view()}
            </ul>
        </aside>
    }
}

fn focus_panel() {
    use wasm_bindgen::JsCast;
    let panel = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-panel=details]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(p) = panel {
        let _ = p.focus();
    }
}

/// Sources as list items, each a link only from an http(s) address (the details, the flow
/// player and the change list all show sources this one way).
pub(crate) fn source_items(sources: &[crate::model::Source]) -> impl IntoView {
    sources
        .iter()
        .map(|s| view! { <li>{external_link(s.url.clone(), shown(&s.title))}</li> })
        .collect_view()
}

/// A link only for http(s) URLs; anything else is shown as inert text.
fn external_link(url: String, text: String) -> AnyView {
    if is_web_url(&url) {
        view! { <a href=url target="_blank" rel="noopener noreferrer">{text}</a> }.into_any()
    } else {
        view! { <span class="unsafe-url">{text}</span> }.into_any()
    }
}
