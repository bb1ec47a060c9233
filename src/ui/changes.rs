//! "What changed": the "Compare with…" date and the key reforms' presets, and, when the view
//! has `from=`, the change list (`data-panel="changes"`) of [`crate::story::diff`]: counts per
//! country and kind, then every change grouped by country in date order, each with its date,
//! what happened in words and its sources; clicking a name selects the body. The map marks the
//! same changes (`data-change` in `map.rs`) and draws what ended where it stood
//! ([`draw_ended`]). Links are made only from http(s) URLs and open with
//! `rel="noopener noreferrer"`.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{date, pick, relation_label, shown, tr, Tr};
use super::state::{MapState, Model};
use crate::graph::layers::Layer;
use crate::graph::view::Visible;
use crate::graph::AllianceGraph;
use crate::model::{Dataset, PartialDate, INTL};
use crate::story::diff::{self, Change, ChangeKind, Happened, Subject};
use crate::view::{Lang, ViewState};

/// Adds to what the map draws the bodies that ended between the two dates (drawn where they
/// stood, though they are not in the view's scope at its date; instruments only with their
/// layer, as always), and the relations that ended between bodies drawn: in full in a layer
/// that is on, else around the body in hand like any other relation.
pub(crate) fn draw_ended(
    d: &Dataset,
    g: &AllianceGraph,
    v: &ViewState,
    vis: &mut Visible,
    changes: &diff::Changes,
) {
    let layers = v.layers();
    for c in &changes.list {
        let (Some(i), ChangeKind::Ended | ChangeKind::Succeeded) = (c.node(), c.kind) else {
            continue;
        };
        let Some(n) = d.nodes.get(i) else { continue };
        if Layer::of_node(n.kind).is_none_or(|l| layers.contains(&l)) {
            if let Some(on) = vis.nodes.get_mut(i) {
                *on = true;
            }
        }
    }
    for c in &changes.list {
        let (Some(k), ChangeKind::Ended) = (c.edge(), c.kind) else {
            continue;
        };
        let Some(e) = d.edges.get(k) else { continue };
        let (Some(s), Some(t)) = (g.node_index(&e.source), g.node_index(&e.target)) else {
            continue;
        };
        let drawn = |i: usize| vis.nodes.get(i).copied().unwrap_or(false);
        if !(drawn(s) && drawn(t)) || k >= vis.edges.len() || k >= vis.related.len() {
            continue;
        }
        vis.related[k] = true;
        if layers.contains(&Layer::of_edge(d, g, k)) {
            vis.edges[k] = true;
        }
    }
}

/// `YYYY-MM-DD` for a date input: a partial date as its first day.
fn input_date(d: PartialDate) -> String {
    let (y, m, day) = d.start();
    format!("{y:04}-{m:02}-{day:02}")
}

#[component]
pub fn Changes(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let d = &model.dataset;
    let as_of = d.manifest.as_of;
    let first = d
        .nodes
        .iter()
        .map(|n| n.since)
        .min_by_key(|s| s.start())
        .unwrap_or(as_of);
    let from = Memo::new(move |_| state.view.with(|v| v.from));
    let set_from = move |text: String| {
        state.view.update(|v| {
            v.from = PartialDate::parse(text.trim()).ok();
            if v.from.is_some() {
                v.all_dates = false;
            }
        })
    };
    let presets = d
        .manifest
        .reforms
        .iter()
        .map(|r| {
            let (p_from, p_to) = diff::preset_dates(r, &d.manifest);
            let pressed = move || {
                state.view.with(|v| {
                    v.from.is_some_and(|f| f.start() == p_from.start())
                        && v.at(as_of).is_some_and(|a| a.start() == p_to.start())
                })
            };
            let (m, r2) = (model.clone(), r.clone());
            let apply = move |_| {
                state.view.update(|v| {
                    diff::apply_preset(v, &r2, &m.dataset.manifest);
                    v.all_dates = false;
                })
            };
            let title = r.title.clone();
            view! {
                <li><button type="button" data-preset=r.id.clone() aria-pressed=move || pressed().to_string() on:click=apply>
                    {move || pick(&title, state.lang.get()).0}
                </button></li>
            }
        })
        .collect_view();
    let has_presets = !d.manifest.reforms.is_empty();
    let m = model.clone();
    let list = move || {
        from.get()?;
        // The sources arrive with the whole dataset, after the first paint.
        m.complete.track();
        let lang = state.lang.get();
        let changes = state.changes.get();
        Some(view! {
            <section class="changes" data-panel="changes" aria-labelledby="changes-title">
                <h2 id="changes-title">{tr(lang).changes}</h2>
                {match changes {
                    Some(c) => panel(&m, state, &c, lang).into_any(),
                    None => view! { <p class="hint" role="status">{tr(lang).compare_needs_earlier}</p> }.into_any(),
                }}
            </section>
        })
    };

    view! {
        <section class="compare-dates">
            <label for="compare-from">{move || t().compare_with}</label>
            <div class="compare-row">
                <input
                    id="compare-from"
                    type="date"
                    min=input_date(first)
                    max=input_date(as_of)
                    prop:value=move || from.get().map(input_date).unwrap_or_default()
                    on:change=move |e| set_from(input_value(&e))
                />
                {move || from.get().is_some().then(|| view! {
                    <button type="button" data-action="clear-from" on:click=move |_| state.view.update(|v| v.from = None)>{t().compare_clear}</button>
                })}
            </div>
            <p class="hint">{move || t().compare_hint}</p>
            {has_presets.then(|| view! {
                <h3 class="presets-title">{move || t().key_reforms}</h3>
                <ul class="presets">{presets}</ul>
            })}
        </section>
        {list}
    }
}

fn input_value(e: &web_sys::Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The period, the key to the marks, the counts and the list.
fn panel(model: &Model, state: MapState, c: &diff::Changes, lang: Lang) -> impl IntoView {
    let t = tr(lang);
    let d = &model.dataset;
    let country_name = |id: &str| {
        if id == INTL {
            t.between_countries.to_string()
        } else {
            d.country(id)
                .map(|c| pick(&c.name, lang).0)
                .unwrap_or_else(|| id.to_string())
        }
    };
    let counts = c
        .counts()
        .into_iter()
        .map(|k| {
            let parts: Vec<String> = [
                (k.added, t.count_established),
                (k.ended, t.count_ended),
                (k.succeeded, t.count_replaced),
                (k.relations_added, t.count_relations_added),
                (k.relations_ended, t.count_relations_ended),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| match lang {
                Lang::En => format!("{n} {what}"),
                Lang::Ja => format!("{what}{n}件"),
            })
            .collect();
            let sep = if lang == Lang::Ja { "、" } else { ", " };
            view! {
                <li data-count-country=k.country.clone() data-count-added=k.added data-count-ended=k.ended data-count-succeeded=k.succeeded data-count-relations-added=k.relations_added data-count-relations-ended=k.relations_ended>
                    <strong>{country_name(&k.country)}</strong>{t.happened_sep}{parts.join(sep)}
                </li>
            }
        })
        .collect_view();
    let groups = c
        .groups()
        .into_iter()
        .map(|(country, list)| {
            let bodies: Vec<&Change> = list.iter().filter(|c| c.node().is_some()).collect();
            let rewired: Vec<&Change> = list
                .iter()
                .filter(|c| c.edge().is_some() && !c.through_body)
                .collect();
            let along: Vec<&Change> = list
                .iter()
                .filter(|c| c.edge().is_some() && c.through_body)
                .collect();
            let entries = |l: &[&Change]| {
                l.iter()
                    .map(|ch| entry(model, state, ch, lang))
                    .collect_view()
            };
            view! {
                <section class="change-group" data-country=country.to_string()>
                    <h3>{country_name(country)}</h3>
                    {(!bodies.is_empty()).then(|| view! { <ol class="change-list">{entries(&bodies)}</ol> })}
                    {(!rewired.is_empty()).then(|| view! {
                        <h4>{t.relations_rewired}</h4>
                        <ol class="change-list">{entries(&rewired)}</ol>
                    })}
                    {(!along.is_empty()).then(|| view! {
                        <details class="with-bodies">
                            <summary>{format!("{}{}{}", along.len(), if lang == Lang::Ja { "" } else { " " }, t.relations_with_bodies)}</summary>
                            <ol class="change-list">{entries(&along)}</ol>
                        </details>
                    })}
                </section>
            }
        })
        .collect_view();
    let passed = (!c.passed.is_empty()).then(|| {
        let items = c
            .passed
            .iter()
            .filter_map(|ch| {
                let i = ch.node()?;
                let n = d.nodes.get(i)?;
                let span = format!(
                    "{} – {}",
                    date(n.since, lang),
                    n.until.map(|u| date(u, lang)).unwrap_or_default()
                );
                Some(view! { <li data-passed-id=n.id.clone()>{pick(&n.name, lang).0}" ("{span}")"</li> })
            })
            .collect_view();
        view! {
            <details class="came-and-went">
                <summary>{format!("{} ({})", t.came_and_went, c.passed.len())}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    view! {
        <p class="period" data-from=c.from.to_string() data-to=c.to.to_string()>
            <time datetime=c.from.to_string()>{date(c.from, lang)}</time>" → "<time datetime=c.to.to_string()>{date(c.to, lang)}</time>
        </p>
        <ul class="marks-key">
            <li><span class="mark-swatch mark-added" aria-hidden="true"></span>{t.mark_added}</li>
            <li><span class="mark-swatch mark-ended" aria-hidden="true"></span>{t.mark_ended}</li>
        </ul>
        {if c.is_empty() {
            view! { <p class="hint">{t.no_changes}</p> }.into_any()
        } else {
            view! {
                <h3 class="visually-hidden">{t.changes_by_country}</h3>
                <ul class="change-counts" aria-label=t.changes_by_country>{counts}</ul>
                {groups}
            }
            .into_any()
        }}
        {passed}
    }
}

/// A body's name as a button that selects it (or as text when it is not in the data).
fn name_button(model: &Model, state: MapState, id: &str, lang: Lang, short: bool) -> AnyView {
    let d = &model.dataset;
    match model
        .graph
        .node_index(id)
        .and_then(|i| d.nodes.get(i).map(|n| (i, n)))
    {
        Some((i, n)) => {
            // The short name, unless it has none in this language and the full name has.
            let name = match (&n.short, short) {
                (Some(s), true) if lang == Lang::En || s.ja.is_some() || n.name.ja.is_none() => {
                    pick(s, lang).0
                }
                _ => pick(&n.name, lang).0,
            };
            view! { <button type="button" class="link" data-ref-id=n.id.clone() on:click=move |_| state.select(Some(i))>{name}</button> }.into_any()
        }
        None => view! { <span>{shown(id)}</span> }.into_any(),
    }
}

/// One change: its date, what happened in words (names are buttons) and its sources.
fn entry(model: &Model, state: MapState, ch: &Change, lang: Lang) -> impl IntoView {
    let t = tr(lang);
    let d = &model.dataset;
    let (id, target) = ch.ids(d);
    let change_id = match target {
        Some(target) => format!("{id} {target}"),
        None => id.to_string(),
    };
    let relation = ch.edge().and_then(|k| d.edges.get(k)).map(|e| e.kind);
    let what = words(model, state, ch, lang, t);
    let sources = ch.sources(d);
    let sources = (!sources.is_empty()).then(|| {
        let links = super::details::source_items(sources);
        view! {
            <details class="change-sources">
                <summary>{format!("{} ({})", t.sources, sources.len())}</summary>
                <ul>{links}</ul>
            </details>
        }
    });
    view! {
        <li class="change" data-change-id=change_id data-change=ch.kind.as_str() data-happened=ch.happened.key() data-relation-kind=relation.map(|k| k.as_str())>
            <time datetime=ch.date.to_string()>{date(ch.date, lang)}</time>
            " "<span class="what">{what}</span>
            {sources}
        </li>
    }
}

/// What happened, in `lang`'s word order, with every body named as a button.
fn words(model: &Model, state: MapState, ch: &Change, lang: Lang, t: &'static Tr) -> AnyView {
    let d = &model.dataset;
    let (id, target) = ch.ids(d);
    let subject = name_button(model, state, id, lang, false);
    let other = |id: &str| name_button(model, state, id, lang, true);
    let around = |pair: (&'static str, &'static str), ids: &[&str]| {
        let sep = if lang == Lang::Ja { "、" } else { ", " };
        let names = ids
            .iter()
            .enumerate()
            .map(|(n, id)| view! { {(n > 0).then_some(sep)}{other(id)} })
            .collect_view();
        view! { {pair.0}{names}{pair.1} }
    };
    match (&ch.happened, ch.subject) {
        (Happened::Established, _) => view! { {subject}{t.happened_sep}{t.established} }.into_any(),
        (Happened::Ended, _) => view! { {subject}{t.happened_sep}{t.ended_word} }.into_any(),
        (Happened::Replaces(ids), _) => {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            view! { {subject}{t.happened_sep}{around(t.replaces, &ids)} }.into_any()
        }
        (Happened::ReplacedBy(s), _) => view! {
            {subject}{t.happened_sep}<span class="became">{around(t.replaced_by, &[s.as_str()])}</span>
        }
        .into_any(),
        (Happened::Joined(to), _) => {
            view! { {other(id)}{around(t.joined, &[to.as_str()])} }.into_any()
        }
        (Happened::Left(to), _) => view! { {other(id)}{around(t.left, &[to.as_str()])} }.into_any(),
        (Happened::Linked(k) | Happened::Unlinked(k), Subject::Relation(_)) => {
            let began = matches!(ch.happened, Happened::Linked(_));
            let status = if began { t.relation_began } else { t.relation_ended };
            let label = relation_label(*k, true, lang);
            let target = target.unwrap_or_default();
            match lang {
                Lang::En => view! {
                    {other(id)}{t.relation_of.0}{label}{t.relation_of.1}{other(target)}{t.happened_sep}{status}
                }
                .into_any(),
                Lang::Ja => view! {
                    {other(id)}{t.relation_of.0}{other(target)}{label}"（"{status}"）"
                }
                .into_any(),
            }
        }
        (Happened::Linked(_) | Happened::Unlinked(_), Subject::Body(_)) => subject,
    }
}
