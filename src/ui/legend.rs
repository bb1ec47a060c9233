//! Explains the encodings: colour is country, shape is kind, line style is relation.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{kind_label, pick, relation_label, tr};
use super::shapes::symbol;
use super::state::{MapState, Model};
use crate::model::{EdgeKind, NodeKind};

#[component]
pub fn Legend(model: Arc<Model>, state: MapState) -> impl IntoView {
    // Closed at first: its entries (some forty, each with a drawn sample) are made when it is
    // first opened, not in the map's first paint, where they were half of the page's elements.
    let opened = RwSignal::new(false);
    view! {
        <details class="legend" on:toggle=move |_| opened.set(true)>
            // A heading of its own level, so that its sections' headings follow in order.
            <summary><h2>{move || tr(state.lang.get()).legend}</h2></summary>
            {move || opened.get().then(|| legend(&model, state.lang.get()))}
        </details>
    }
}

fn legend(model: &Model, lang: crate::view::Lang) -> impl IntoView {
    let t = tr(lang);
    let d = &model.dataset;
    let kinds: BTreeSet<NodeKind> = d.nodes.iter().map(|n| n.kind).collect();
    let relations: BTreeSet<EdgeKind> = d.edges.iter().map(|e| e.kind).collect();
    let countries: Vec<(String, String)> = d
        .manifest
        .countries
        .iter()
        .map(|c| (pick(&c.name, lang).0, c.color.clone()))
        .chain([(
            t.between_countries.to_string(),
            d.country_color(crate::model::INTL).to_string(),
        )])
        .collect();
    view! {
            <h3>{t.country}</h3>
            <ul>
                {countries.into_iter().map(|(name, color)| view! {
                    <li><svg class="swatch" width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="3" fill=color /></svg>{name}</li>
                }).collect_view()}
            </ul>
            <h3>{t.kind}</h3>
            <ul>
                {kinds.into_iter().map(|k| view! {
                    <li><svg class="swatch" width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true"><path d=symbol(k, 6.0) class="legend-symbol" /></svg>{kind_label(k, lang)}</li>
                }).collect_view()}
            </ul>
            <h3>{t.relation}</h3>
            <ul>
                {relations.into_iter().map(|k| view! {
                    <li><svg class="swatch" width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" class=format!("edge edge-{}", k.as_str()) /></svg>{relation_label(k, true, lang)}</li>
                }).collect_view()}
            </ul>
    }
}
