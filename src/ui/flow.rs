//! Flows on the map: the "Flows" section of the side panel (the list, filtered by country), the
//! narration panel that plays the open flow step by step (`data-panel="flow"`), the marks the
//! map puts on the flow's bodies and relations, and the two flows the comparison shows side by
//! side. What a flow is and how it resolves to the map's bodies is `crate::story::flow`; this
//! only shows it. Every choice edits the view (`flow=`, `step=`, `date=`), so the URL follows.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{pick, step_of, tr};
use super::state::{MapState, Model};
use crate::layout::organization::NODE_RADIUS;
use crate::model::{Dataset, Flow, FlowStep, Source, INTL};
use crate::story::flow::{resolve, side_by_side, Resolved};
use crate::view::{Lang, ViewKind, ViewState};

/// The flow the map plays: which one, resolved, and the step shown.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowOn {
    /// Index into the dataset's flows.
    pub index: usize,
    pub resolved: Arc<Resolved>,
    /// The step shown, 1-based, always one the flow has.
    pub step: usize,
}

impl FlowOn {
    /// The number the map shows on node `i`: the first step it appears in.
    pub fn number(&self, i: usize) -> Option<usize> {
        self.resolved.first_step_of(i)
    }

    /// True when node `i` acts or is addressed in the step shown.
    pub fn is_current(&self, i: usize) -> bool {
        self.resolved
            .step(self.step)
            .is_some_and(|s| s.from == i || s.to == Some(i))
    }

    /// True when relation `k` joins the bodies of the step shown.
    pub fn is_current_edge(&self, k: usize) -> bool {
        self.resolved
            .step(self.step)
            .and_then(|s| s.relation)
            .is_some_and(|r| r.edge == k)
    }

    /// True when relation `k` joins the bodies of any step.
    pub fn has_edge(&self, k: usize) -> bool {
        self.resolved
            .steps
            .iter()
            .any(|s| s.relation.is_some_and(|r| r.edge == k))
    }
}

/// The flow the view names first, if the dataset has it and it resolves.
pub fn flow_on(d: &Dataset, v: &ViewState) -> Option<FlowOn> {
    let id = v.flow.first()?;
    let index = d.flows.iter().position(|f| &f.id == id)?;
    let resolved = resolve(d, d.flows.get(index)?)?;
    let step = v.step.unwrap_or(1).clamp(1, resolved.len().max(1));
    Some(FlowOn {
        index,
        resolved: Arc::new(resolved),
        step,
    })
}

// What the map asks about its bodies and relations (small, so that map.rs stays readable).

/// `data-flow-step` of node `i`.
pub fn node_step(state: MapState, i: usize) -> Option<usize> {
    state.flow.with(|f| f.as_ref().and_then(|f| f.number(i)))
}

/// Node `i` is one of the step shown's bodies.
pub fn node_current(state: MapState, i: usize) -> bool {
    state
        .flow
        .with(|f| f.as_ref().is_some_and(|f| f.is_current(i)))
}

/// Node `i` is not in the flow that is open: faded.
pub fn node_off(state: MapState, i: usize) -> bool {
    state
        .flow
        .with(|f| f.as_ref().is_some_and(|f| f.number(i).is_none()))
}

/// Relation `k` is the step shown's.
pub fn edge_current(state: MapState, k: usize) -> bool {
    state
        .flow
        .with(|f| f.as_ref().is_some_and(|f| f.is_current_edge(k)))
}

/// Relation `k` is in no step of the flow that is open: faded.
pub fn edge_off(state: MapState, k: usize) -> bool {
    state
        .flow
        .with(|f| f.as_ref().is_some_and(|f| !f.has_edge(k)))
}

/// The step numbers drawn above the flow's bodies: a layer of their own over the bodies (not
/// inside them, so a body's accessible name stays its label; the narration says the step).
pub fn badges(state: MapState, positions: RwSignal<Vec<(f64, f64)>>) -> impl IntoView {
    move || {
        let numbers: Vec<(usize, usize)> = state.flow.with(|f| {
            f.iter()
                .flat_map(|f| f.resolved.first_step.iter().map(|(&i, &n)| (i, n)))
                .collect()
        });
        numbers
            .into_iter()
            .map(|(i, n)| {
                let at = move || positions.with(|p| p.get(i).copied().unwrap_or_default());
                let shown = move || state.visible.with(|v| v.nodes.get(i).copied().unwrap_or(false));
                move || {
                    shown().then(|| view! {
                        <text class="flow-badge" class:current=move || node_current(state, i) data-flow-badge=n
                            x=move || at().0 y=move || at().1 - NODE_RADIUS dy="-0.35em" text-anchor="middle">{n}</text>
                    })
                }
            })
            .collect_view()
    }
}

/// A body's short label in `lang`, else its name (also when the short label would fall back to
/// English and the name would not).
fn label(d: &Dataset, i: usize, lang: Lang) -> String {
    let Some(n) = d.nodes.get(i) else {
        return String::new();
    };
    match n.short.as_ref().map(|s| pick(s, lang)) {
        Some((short, false)) => short,
        Some((short, true)) if n.name.ja.is_none() => short,
        _ => pick(&n.name, lang).0,
    }
}

/// A body's label by id, for steps not resolved (the comparison).
fn label_of(d: &Dataset, id: &str, lang: Lang) -> String {
    d.nodes
        .iter()
        .position(|n| n.id == id)
        .map(|i| label(d, i, lang))
        .unwrap_or_else(|| id.to_string())
}

fn country_name(d: &Dataset, country: &str, lang: Lang) -> String {
    if country == INTL {
        return tr(lang).between_countries.to_string();
    }
    d.country(country)
        .map(|c| pick(&c.name, lang).0)
        .unwrap_or_else(|| country.to_string())
}

/// Opens flow `id` at its first step, on its date, on the map.
fn choose(state: MapState, flow: &Flow) {
    let (id, date) = (flow.id.clone(), flow.date);
    state.view.update(move |v| {
        v.flow = vec![id];
        v.step = Some(1);
        v.date = Some(date);
        v.all_dates = false;
        let _ = v.settle_from(date);
        v.view = ViewKind::Graph;
    });
}

/// The "Flows" section of the side panel: the narration of the open flow, then the list.
#[component]
pub fn Flows(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let filter = RwSignal::new(String::new());
    let m = model.clone();
    // The countries that have flows, in the manifest's order, then "between countries". The
    // flows arrive with the whole dataset, after the first paint: the list tracks it.
    let countries = {
        let m = model.clone();
        move || {
            m.complete.track();
            let d = &m.dataset;
            let mut c: Vec<String> = d
                .manifest
                .countries
                .iter()
                .map(|c| c.id.clone())
                .chain([INTL.to_string()])
                .filter(|c| d.flows.iter().any(|f| &f.country == c))
                .collect();
            c.dedup();
            c
        }
    };
    let options = {
        let m = model.clone();
        move || {
            let lang = state.lang.get();
            countries()
                .iter()
                .map(|c| view! { <option value=c.clone()>{country_name(&m.dataset, c, lang)}</option> })
                .collect_view()
        }
    };
    let list = move || {
        m.complete.track();
        let lang = state.lang.get();
        let d = &m.dataset;
        let country = filter.get();
        let open = state.view.with(|v| v.flow.first().cloned());
        crate::story::flow::of_country(&d.flows, (!country.is_empty()).then_some(country.as_str()))
            .map(|f| {
                let pressed = open.as_deref() == Some(f.id.as_str());
                let m = m.clone();
                let index = d.flows.iter().position(|g| g.id == f.id);
                view! {
                    <li>
                        <button type="button" class="link" data-flow-id=f.id.clone() aria-pressed=pressed.to_string()
                            title=pick(&f.summary, lang).0
                            on:click=move |_| if let Some(f) = index.and_then(|i| m.dataset.flows.get(i)) { choose(state, f) }
                        >{pick(&f.title, lang).0}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let on_filter = move |e: web_sys::Event| {
        let value = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default();
        filter.set(value);
    };
    // Rebuilt only when another flow is opened or the language changes, not on every step.
    let open = Memo::new(move |_| state.flow.with(|f| f.as_ref().map(|f| f.index)));
    let player = {
        let model = model.clone();
        move || {
            let _ = (open.get(), state.lang.get());
            state
                .flow
                .get_untracked()
                .map(|on| view! { <Player model=model.clone() state=state on=on /> })
        }
    };
    view! {
        <section class="flows" data-panel="flows" aria-labelledby="flows-title">
            <h2 id="flows-title">{move || t().flows}</h2>
            {player}
            <p class="hint">{move || t().flows_hint}</p>
            <label>{move || t().country}" "
                <select data-flow-filter="" on:change=on_filter>
                    <option value="">{move || t().flows_all}</option>
                    {options}
                </select>
            </label>
            <ul class="flow-list">{list}</ul>
        </section>
    }
}

fn set_step(state: MapState, n: usize) {
    state.view.update(|v| v.step = Some(n));
}

/// The narration of the open flow. Built once per flow and language; the step's text, the
/// buttons' states and the list's current mark follow the step, so focus stays where it is
/// when the reader moves (with the buttons, the list or the arrow keys).
#[component]
fn Player(model: Arc<Model>, state: MapState, on: FlowOn) -> impl IntoView {
    let lang = state.lang.get_untracked();
    let t = tr(lang);
    let Some(flow) = model.dataset.flows.get(on.index).cloned() else {
        return ().into_any();
    };
    let resolved = on.resolved.clone();
    let total = resolved.len();
    let step = Memo::new(move |_| state.flow.with(|f| f.as_ref().map_or(1, |f| f.step)));
    let now = {
        let (model, flow, resolved) = (model.clone(), flow.clone(), resolved.clone());
        move || {
            let n = step.get();
            let d = &model.dataset;
            let (Some(s), Some(data)) = (resolved.step(n), crate::story::flow::step(&flow, n))
            else {
                return ().into_any();
            };
            let select = move |i: usize| move |_| state.select(Some(i));
            let body = |i: usize| {
                let name = d
                    .nodes
                    .get(i)
                    .map(|b| pick(&b.name, lang).0)
                    .unwrap_or_default();
                view! { <button type="button" class="link" data-flow-body=state.id_of(i) title=name on:click=select(i)>{label(d, i, lang)}</button> }
            };
            let from = body(s.from);
            let to = s.to.map(|i| view! { " → "{body(i)} });
            let basis = (!s.basis.is_empty()).then(|| {
                let items = s
                    .basis
                    .iter()
                    .map(|&i| {
                        let name = d.nodes.get(i).map(|b| pick(&b.name, lang).0).unwrap_or_default();
                        view! { <li><button type="button" class="link" data-basis-id=state.id_of(i) on:click=select(i)>{name}</button></li> }
                    })
                    .collect_view();
                view! { <h4>{t.flow_basis}</h4><ul class="flow-basis">{items}</ul> }
            });
            let within = data.within.as_ref().map(|w| {
                view! { <p class="flow-within"><strong>{t.flow_within}{t.colon}</strong>{pick(w, lang).0}</p> }
            });
            let note = data.note.as_ref().map(|w| {
                view! { <p class="flow-note"><strong>{t.flow_note}{t.colon}</strong>{pick(w, lang).0}</p> }
            });
            view! {
                <p class="flow-actors"><span class="visually-hidden">{t.flow_actor}{t.colon}</span>{from}{to}</p>
                {within}
                {basis}
                {note}
                <h4>{t.sources}</h4>
                {sources_list(&data.sources)}
            }
            .into_any()
        }
    };
    // What screen readers hear on every move: "Step 2 of 6: …".
    let announce = {
        let flow = flow.clone();
        move || {
            let n = step.get();
            let action = crate::story::flow::step(&flow, n)
                .map(|s| pick(&s.action, lang).0)
                .unwrap_or_default();
            view! { <strong>{step_of(n, total, lang)}{t.colon}</strong>{action} }
        }
    };
    let d = &model.dataset;
    let steps = resolved
        .steps
        .iter()
        .map(|s| {
            let k = s.number;
            let who = match s.to {
                Some(to) => format!("{} → {}", label(d, s.from, lang), label(d, to, lang)),
                None => label(d, s.from, lang),
            };
            view! {
                <li>
                    <button type="button" class="link" data-step=k aria-current=move || (step.get() == k).then_some("step")
                        on:click=move |_| set_step(state, k)>{who}</button>
                </li>
            }
        })
        .collect_view();
    let others = d
        .flows
        .iter()
        .filter(|f| f.id != flow.id)
        .map(|f| view! { <option value=f.id.clone()>{pick(&f.title, lang).0}</option> })
        .collect_view();
    let this = flow.id.clone();
    let compare = move |e: web_sys::Event| {
        let other = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default();
        if !other.is_empty() {
            let this = this.clone();
            state.view.update(move |v| {
                v.flow = vec![this, other];
                v.view = ViewKind::Compare;
            });
        }
    };
    let keys = move |e: web_sys::KeyboardEvent| {
        if super::app::typing(&e) {
            return;
        }
        let n = step.get_untracked();
        match e.key().as_str() {
            "ArrowLeft" if n > 1 => {
                e.prevent_default();
                set_step(state, n - 1);
            }
            "ArrowRight" if n < total => {
                e.prevent_default();
                set_step(state, n + 1);
            }
            _ => {}
        }
    };
    let close = move |_| {
        state.view.update(|v| {
            v.flow.clear();
            v.step = None;
        })
    };
    view! {
        <section class="flow-player" data-panel="flow" data-flow-id=flow.id.clone() data-step=move || step.get()
            tabindex="0" aria-labelledby="flow-title" aria-describedby="flow-keys" on:keydown=keys>
            <h3 id="flow-title">{pick(&flow.title, lang).0}</h3>
            <p class="flow-meta">{country_name(d, &flow.country, lang)}", "{super::i18n::date(flow.date, lang)}</p>
            <div class="flow-nav">
                <button type="button" data-action="flow-previous" disabled=move || { step.get() <= 1 }
                    on:click=move |_| set_step(state, step.get_untracked().saturating_sub(1).max(1))>{"← "}{t.flow_previous}</button>
                <button type="button" data-action="flow-next" disabled=move || { step.get() >= total }
                    on:click=move |_| set_step(state, (step.get_untracked() + 1).min(total))>{t.flow_next}{" →"}</button>
                <button type="button" data-action="flow-close" on:click=close>{t.flow_close}</button>
            </div>
            <p class="flow-now" aria-live="polite" aria-atomic="true">{announce}</p>
            {now}
            <p class="hint" id="flow-keys">{t.flow_keys}</p>
            <h4>{t.flow_steps}</h4>
            <ol class="flow-steps">{steps}</ol>
            <label>{t.flow_compare_with}" "
                <select data-flow-compare="" on:change=compare>
                    <option value="">{t.flow_no_step}</option>
                    {others}
                </select>
            </label>
        </section>
    }
    .into_any()
}

/// Sources as links, only from http(s) addresses; anything else is inert text.
fn sources_list(sources: &[Source]) -> impl IntoView {
    view! { <ul class="flow-sources">{super::details::source_items(sources)}</ul> }
}

/// `view=compare&flow=<a>,<b>`: the two flows' steps next to each other, with actors, bases
/// and deadlines. Nothing unless the view names two flows the dataset has.
#[component]
pub fn SideBySide(model: Arc<Model>, state: MapState) -> impl IntoView {
    move || {
        let lang = state.lang.get();
        let t = tr(lang);
        let d = &model.dataset;
        let ids = state.view.with(|v| v.flow.clone());
        let find = |id: &String| d.flows.iter().find(|f| &f.id == id);
        let (Some(a), Some(b)) = (ids.first().and_then(find), ids.get(1).and_then(find)) else {
            return None;
        };
        let cell = |flow: &Flow, step: Option<&FlowStep>| {
            let Some(s) = step else {
                return view! { <td data-flow-id=flow.id.clone()></td> }.into_any();
            };
            let who = match &s.to {
                Some(to) => format!("{} → {}", label_of(d, &s.from, lang), label_of(d, to, lang)),
                None => label_of(d, &s.from, lang),
            };
            let basis = (!s.basis.is_empty()).then(|| {
                let names: Vec<String> = s
                    .basis
                    .iter()
                    .map(|id| {
                        d.nodes
                            .iter()
                            .position(|n| &n.id == id)
                            .map(|i| label(d, i, lang))
                            .unwrap_or_else(|| id.clone())
                    })
                    .collect();
                view! { <p class="flow-basis"><strong>{t.flow_basis}{t.colon}</strong>{names.join(", ")}</p> }
            });
            let within = s.within.as_ref().map(|w| {
                view! { <p class="flow-within"><strong>{t.flow_within}{t.colon}</strong>{pick(w, lang).0}</p> }
            });
            view! {
                <td data-flow-id=flow.id.clone()>
                    <p class="flow-actors"><strong>{who}</strong></p>
                    <p>{pick(&s.action, lang).0}</p>
                    {basis}
                    {within}
                </td>
            }
            .into_any()
        };
        let rows = side_by_side(a, b)
            .into_iter()
            .enumerate()
            .map(|(i, (sa, sb))| {
                view! {
                    <tr data-step=i + 1>
                        <th scope="row">{i + 1}</th>
                        {cell(a, sa)}
                        {cell(b, sb)}
                    </tr>
                }
            })
            .collect_view();
        let head = |f: &Flow| {
            let f = f.clone();
            let m = model.clone();
            let id = f.id.clone();
            view! {
                <th scope="col" data-flow-id=f.id.clone()>
                    <button type="button" class="link" on:click=move |_| {
                        if let Some(f) = m.dataset.flows.iter().find(|g| g.id == id) { choose(state, f) }
                    }>{pick(&f.title, lang).0}</button>
                    <span class="flow-meta">{country_name(&model.dataset, &f.country, lang)}", "{super::i18n::date(f.date, lang)}</span>
                </th>
            }
        };
        Some(view! {
            <section class="flow-compare" data-panel="flow-compare" aria-labelledby="flow-compare-title">
                <h2 id="flow-compare-title">{t.flow_side_by_side}</h2>
                <table>
                    <thead><tr><th scope="col">{t.flow_steps}</th>{head(a)}{head(b)}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        })
    }
}
