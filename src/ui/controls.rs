//! The side panel: search, the as-of date, filters with counts, focus and the path finder.
//! Each control only edits the [`ViewState`](crate::view::ViewState); the URL and every view
//! follow from it.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{date, kind_label, pick, relation_label, role_label, tr};
use super::state::{MapState, Model};
use crate::graph::layers::Layer;
use crate::graph::search::search;
use crate::model::{NodeKind, PartialDate, Role, INTL};
use crate::view::{Lang, Open, ViewKind, ViewState};

/// How many search results are listed.
const MAX_RESULTS: usize = 12;

#[component]
pub fn Controls(model: Arc<Model>, state: MapState) -> impl IntoView {
    // The map is what a reader waits for: the panel's sections below the search are built
    // after its first picture (at once in the table and the comparison), in three tasks of
    // their own, so none of them is a long task.
    let built = state.panel_built;
    let stage = RwSignal::new(if built.get_untracked() { 3 } else { 0 });
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || stage.get_untracked() >= 3 {
            return true;
        }
        let now = state.panel_due.get() || without_map(state);
        if now {
            super::timing::step_in_tasks(stage, 3);
        }
        now
    });
    Effect::new(move |_| {
        if stage.get() >= 3 && !built.get_untracked() {
            built.set(true);
        }
    });
    let m = model.clone();
    let first = move || {
        let model = m.clone();
        (stage.get() >= 1).then(|| {
            view! {
                <super::flow::Flows model=model.clone() state=state />
                <DateSlider model=model.clone() state=state />
                <super::changes::Changes model=model.clone() state=state />
            }
        })
    };
    let m = model.clone();
    let second = move || {
        let model = m.clone();
        (stage.get() >= 2).then(|| view! { <Filters model=model.clone() state=state /> })
    };
    let m = model.clone();
    let third = move || {
        let model = m.clone();
        (stage.get() >= 3).then(|| {
            view! {
                <Focus model=model.clone() state=state />
                <PathFinder model=model.clone() state=state />
            }
        })
    };
    view! {
        <aside class="controls" id="controls" aria-label=move || tr(state.lang.get()).views>
            <Search model=model.clone() state=state />
            {first}
            {second}
            {third}
        </aside>
    }
}

/// The table or the comparison is shown: nothing waits for the map.
fn without_map(state: MapState) -> bool {
    state.view.with(|v| v.view != ViewKind::Graph)
}

fn input_value(e: &web_sys::Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &web_sys::Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

#[component]
fn Search(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let m = model.clone();
    let results = Memo::new(move |_| state.view.with(|v| search(&m.dataset, &v.q)));
    let choose = move |i: usize| state.show(i);
    let m = model.clone();
    view! {
        <section class="search" role="search">
            <label for="search-input">{move || t().search}</label>
            <input
                id="search-input"
                type="search"
                autocomplete="off"
                placeholder=move || t().search_placeholder
                prop:value=move || state.view.with(|v| v.q.clone())
                on:input=move |e| {
                    let q = input_value(&e);
                    state.view.update(|v| v.q = q);
                }
                on:keydown=move |e: web_sys::KeyboardEvent| {
                    if e.key() == "Enter" && !e.is_composing() {
                        if let Some(&first) = results.get_untracked().first() {
                            choose(first);
                        }
                    }
                }
            />
            <div class="results" aria-live="polite">
                {move || {
                    let q_empty = state.view.with(|v| v.q.trim().is_empty());
                    let found = results.get();
                    let lang = state.lang.get();
                    (!q_empty).then(|| {
                        let total = found.len();
                        let items = found.into_iter().take(MAX_RESULTS).map(|i| {
                            let n = &m.dataset.nodes[i];
                            let (name, _) = pick(&n.name, lang);
                            view! {
                                <li><button type="button" class="link" data-result-id=n.id.clone() on:click=move |_| choose(i)>{name}</button></li>
                            }
                        }).collect_view();
                        view! {
                            <p class="count">{if total == 0 { tr(lang).no_results.to_string() } else { format!("{total} {}", tr(lang).results) }}</p>
                            <ul>{items}</ul>
                        }
                    })
                }}
            </div>
        </section>
    }
}

#[component]
fn DateSlider(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let d = &model.dataset;
    let first = d
        .nodes
        .iter()
        .map(|n| n.since.to_days())
        .min()
        .unwrap_or(0)
        .max(PartialDate::ymd(2000, 1, 1).to_days());
    let last = d.manifest.as_of.to_days();
    // Key dates: laws taking effect and bodies being replaced.
    let mut keys: BTreeSet<(i64, String)> = BTreeSet::new();
    for n in &d.nodes {
        if n.kind == NodeKind::Law && n.since.to_days() >= first {
            keys.insert((
                n.since.to_days(),
                n.short
                    .as_ref()
                    .map(|s| super::i18n::shown(&s.en))
                    .unwrap_or_else(|| super::i18n::shown(&n.name.en)),
            ));
        }
        if let (Some(until), Some(_)) = (n.until, &n.successor) {
            if until.to_days() >= first {
                keys.insert((
                    until.to_days(),
                    format!(
                        "{} → {}",
                        n.short
                            .as_ref()
                            .map(|s| s.en.as_str())
                            .unwrap_or(&n.name.en),
                        n.successor.clone().unwrap_or_default()
                    ),
                ));
            }
        }
    }
    let keys: Vec<(i64, String)> = keys.into_iter().collect();
    let key_days: Vec<i64> = keys.iter().map(|k| k.0).collect();
    let as_of = d.manifest.as_of;
    // The day shown, or `None` for "all dates".
    let current = move || state.view.with(|v| v.at(as_of).map(|d| d.to_days()));
    let set_days = move |days: Option<i64>| {
        state.view.update(|v| {
            v.date = days.map(PartialDate::from_days);
            v.all_dates = false;
        })
    };
    let all_dates = move || {
        state.view.update(|v| {
            v.date = None;
            v.all_dates = true;
            // Every era at once compares nothing.
            v.from = None;
        })
    };
    let playing = RwSignal::new(false);
    let key_days_play = key_days.clone();
    let step = move || {
        // Advance to the next key date; stop after the last one.
        let now = current().unwrap_or(first - 1);
        match key_days_play.iter().find(|&&k| k > now) {
            // Each step marks what changed since the previous one.
            Some(&k) => state.view.update(|v| {
                v.from = Some(PartialDate::from_days(now));
                v.date = Some(PartialDate::from_days(k));
                v.all_dates = false;
            }),
            None => playing.set(false),
        }
    };
    let timer = StoredValue::new(None::<i32>);
    Effect::new(move |_| {
        let on = playing.get();
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(id) = timer.get_value() {
            window.clear_interval_with_handle(id);
            timer.set_value(None);
        }
        if on {
            let step = step.clone();
            let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(step);
            if let Ok(id) = window.set_interval_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                900,
            ) {
                timer.set_value(Some(id));
            }
            cb.forget();
        }
    });
    on_cleanup(move || {
        if let (Some(w), Some(id)) = (web_sys::window(), timer.get_value()) {
            w.clear_interval_with_handle(id);
        }
    });
    let label = move || match state.view.with(|v| v.at(as_of)) {
        Some(d) => date(d, state.lang.get()),
        None => t().all_dates.to_string(),
    };
    view! {
        <section class="date">
            <h2><label for="date-slider">{move || t().date}</label>{move || t().colon}<output data-date=move || state.view.with(|v| v.at(as_of).map(|d| d.to_string()))>{label}</output></h2>
            <input
                id="date-slider"
                type="range"
                min=first
                max=last
                step="1"
                list="key-dates"
                prop:value=move || current().unwrap_or(last).to_string()
                aria-valuetext=label
                on:input=move |e| set_days(input_value(&e).parse().ok())
            />
            <datalist id="key-dates">
                {key_days.iter().map(|k| view! { <option value=k.to_string()></option> }).collect_view()}
            </datalist>
            <div class="date-buttons">
                <button type="button" data-action="today" aria-pressed=move || state.view.with(|v| v.date.is_none() && !v.all_dates).to_string() on:click=move |_| { playing.set(false); set_days(None) }>{move || t().today}</button>
                <button type="button" data-action="all-dates" aria-pressed=move || state.view.with(|v| v.all_dates).to_string() on:click=move |_| { playing.set(false); all_dates() }>{move || t().all_dates}</button>
                <button type="button" aria-pressed=move || playing.get().to_string() on:click=move |_| {
                    // Playing from today (or the last key date) starts again at the first.
                    if !playing.get_untracked() && current().is_none_or(|c| key_days.last().is_some_and(|&l| c >= l)) {
                        set_days(key_days.first().map(|&k| k - 1));
                    }
                    playing.update(|p| *p = !*p)
                }>{move || if playing.get() { t().pause } else { t().play }}</button>
            </div>
            <label class="key-dates">{move || t().key_dates}" "
                <select on:change=move |e| set_days(select_value(&e).parse().ok())>
                    <option value="">{move || t().choose}</option>
                    {keys.iter().map(|(k, what)| view! {
                        <option value=k.to_string()>{format!("{} {}", PartialDate::from_days(*k), what)}</option>
                    }).collect_view()}
                </select>
            </label>
        </section>
    }
}

#[component]
fn Filters(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let d = &model.dataset;
    let mut countries: Vec<(String, String, Option<String>)> = d
        .manifest
        .countries
        .iter()
        .map(|c| (c.id.clone(), c.name.en.clone(), c.name.ja.clone()))
        .collect();
    countries.push((
        INTL.to_string(),
        super::i18n::EN.between_countries.to_string(),
        Some(super::i18n::JA.between_countries.to_string()),
    ));
    let kinds: BTreeSet<NodeKind> = d.nodes.iter().map(|n| n.kind).collect();
    let roles: BTreeSet<Role> = d
        .nodes
        .iter()
        .flat_map(|n| n.roles.iter().copied())
        .collect();
    // Counts at the current date, whatever the other filters.
    let m = model.clone();
    let as_of = d.manifest.as_of;
    let at_date = Memo::new(move |_| {
        let date = state.view.with(|v| v.at(as_of));
        m.dataset
            .nodes
            .iter()
            .map(|n| date.is_none_or(|at| n.exists_at(at)))
            .collect::<Vec<bool>>()
    });
    let m1 = model.clone();
    let count = move |f: &dyn Fn(&crate::model::Node) -> bool| {
        at_date.with(|a| {
            m1.dataset
                .nodes
                .iter()
                .zip(a)
                .filter(|(n, &on)| on && f(n))
                .count()
        })
    };
    let count = StoredValue::new_local(count);

    view! {
        <section class="filters">
            <h2>{move || t().filters}</h2>
            <fieldset>
                <legend>{move || t().country}</legend>
                {countries.into_iter().map(|(id, en, ja)| {
                    let c = { let id = id.clone(); move || count.with_value(|f| f(&|n| n.country == id)) };
                    let label = move |lang: Lang| if lang == Lang::Ja { ja.clone().unwrap_or_else(|| en.clone()) } else { en.clone() };
                    facet(state, "country", id.clone(), |v| &v.country, |v| &mut v.country, id, label, c)
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{move || t().kind}</legend>
                {kinds.into_iter().map(|k| {
                    let c = move || count.with_value(|f| f(&|n| n.kind == k));
                    facet(state, "kind", k.as_str().into(), |v| &v.kind, |v| &mut v.kind, k, move |l| kind_label(k, l).into(), c)
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{move || t().role}</legend>
                {roles.into_iter().map(|r| {
                    let c = move || count.with_value(|f| f(&|n| n.roles.contains(&r)));
                    facet(state, "role", r.as_str().into(), |v| &v.role, |v| &mut v.role, r, move |l| role_label(r, l).into(), c)
                }).collect_view()}
            </fieldset>
            <Layers model=model.clone() state=state />
            <button type="button" on:click=move |_| state.view.update(|v| { v.country.clear(); v.kind.clear(); v.role.clear(); v.rel.clear(); v.layers = None; v.open = Open::Auto; })>{move || t().reset}</button>
        </section>
    }
}

/// The relation layers drawn in full, with the number of relations of each in the view, and
/// the hierarchy's expansion: the first view's overview, or everything.
#[component]
fn Layers(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let of_edge = Arc::new(Layer::of_edges(&model.dataset, &model.graph));
    let label = move |l: Layer, lang: Lang| {
        let t = tr(lang);
        match l {
            Layer::Structure => t.layer_structure,
            Layer::Alliance => t.layer_alliance,
            Layer::Multilateral => t.layer_multilateral,
            Layer::Cooperation => t.layer_cooperation,
            Layer::LegalBasis => t.layer_legal,
            Layer::History => t.layer_history,
        }
    };
    let items = Layer::ALL
        .iter()
        .map(|&l| {
            let of_edge = of_edge.clone();
            let count = move || {
                state.scope.with(|s| {
                    s.edges
                        .iter()
                        .zip(of_edge.iter())
                        .filter(|(&on, &layer)| on && layer == l)
                        .count()
                })
            };
            let on = move || state.view.with(|v| v.layers().contains(&l));
            let toggle = move |_| {
                state.view.update(|v| {
                    let mut now = v.layers().to_vec();
                    toggle_in(&mut now, l);
                    now.sort();
                    let default = now.as_slice() == Layer::DEFAULT;
                    v.layers = (!default).then_some(now);
                })
            };
            view! {
                <label><input type="checkbox" data-layer=l.as_str() prop:checked=on on:change=toggle />
                    {move || label(l, state.lang.get())}" "<span class="count">{count}</span></label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="layers">
            <legend>{move || t().layers}</legend>
            {items}
        </fieldset>
        <div class="hierarchy-buttons">
            <button type="button" data-action="open-all" aria-pressed=move || state.view.with(|v| v.open == Open::All).to_string() on:click=move |_| state.view.update(|v| v.open = Open::All)>{move || t().open_all}</button>
            <button type="button" data-action="overview" aria-pressed=move || state.view.with(|v| v.open == Open::Auto).to_string() on:click=move |_| state.view.update(|v| v.open = Open::Auto)>{move || t().open_overview}</button>
        </div>
    }
}

/// One checkbox of a facet: on when `item` is in the view's list, with its label and count.
#[allow(clippy::too_many_arguments)]
fn facet<T: PartialEq + Clone + Send + Sync + 'static>(
    state: MapState,
    filter: &'static str,
    value: String,
    list: fn(&ViewState) -> &Vec<T>,
    list_mut: fn(&mut ViewState) -> &mut Vec<T>,
    item: T,
    label: impl Fn(Lang) -> String + Send + Sync + 'static,
    count: impl Fn() -> usize + Send + Sync + 'static,
) -> impl IntoView {
    let on = {
        let item = item.clone();
        move || state.view.with(|v| list(v).contains(&item))
    };
    let toggle = move |_| state.view.update(|v| toggle_in(list_mut(v), item.clone()));
    view! {
        <label><input type="checkbox" data-filter=filter value=value prop:checked=on on:change=toggle />
            {move || label(state.lang.get())}" "<span class="count">{count}</span></label>
    }
}

fn toggle_in<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(item),
    }
}

#[component]
fn Focus(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let focus = Memo::new(move |_| state.view.with(|v| v.focus.clone()));
    move || {
        let focus = focus.get()?;
        let i = model.graph.node_index(&focus)?;
        let (name, _) = pick(&model.dataset.nodes[i].name, state.lang.get());
        Some(view! {
            <section class="focus" data-panel="focus">
                <h2>{t().focus}{t().colon}<span data-ref-id=focus.clone()>{name}</span></h2>
                <label>{t().depth}" "
                    <select on:change=move |e| { let d: u8 = select_value(&e).parse().unwrap_or(1); state.view.update(|v| v.depth = d.clamp(1, 3)) }>
                        {[1u8, 2, 3].into_iter().map(|d| view! { <option value=d.to_string() selected=move || state.view.with(|v| v.depth == d)>{d.to_string()}</option> }).collect_view()}
                    </select>
                </label>
                " "<button type="button" on:click=move |_| state.view.update(|v| v.focus = None)>{t().clear}</button>
            </section>
        })
    }
}

#[component]
fn PathFinder(model: Arc<Model>, state: MapState) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let chosen = Memo::new(move |_| state.view.with(|v| v.path.clone().unwrap_or_default()));
    let ends = move || chosen.get();
    let set_end = move |which: usize, id: String| {
        state.view.update(|v| {
            let (mut a, mut b) = v.path.clone().unwrap_or_default();
            if which == 0 {
                a = id
            } else {
                b = id
            }
            v.path = (!a.is_empty() || !b.is_empty()).then_some((a, b));
        })
    };
    // Plain options (a reactive `selected` per option made 450 effects at start-up). The two
    // lists (every body, twice: nearly half of the page's elements) are in no first view: they
    // are filled in a task of their own once the map is ready (at once when the address names
    // a path, in the table and the comparison, or when the reader reaches a list first). The
    // option chosen then is marked as it is made; later choices are set on the selects by the
    // effect below.
    let filled = RwSignal::new(chosen.with_untracked(|(a, b)| !a.is_empty() || !b.is_empty()));
    Effect::new(move |_| {
        let now = state.map_ready.get() || without_map(state);
        if now && !filled.get_untracked() {
            set_timeout(move || filled.set(true), std::time::Duration::ZERO);
        }
    });
    let reached = move |_: web_sys::FocusEvent| filled.set(true);
    // Every body by its name in the page's language, in the order of those names: made once
    // for both lists (a memo, so only once they are filled, and again on a language switch).
    let m = model.clone();
    let listed = Memo::new(move |_| {
        let lang = state.lang.get();
        let mut listed: Vec<(String, String)> = m
            .dataset
            .nodes
            .iter()
            .map(|n| (pick(&n.name, lang).0, n.id.clone()))
            .collect();
        listed.sort();
        listed
    });
    let options = move |which: usize| {
        move || {
            filled.get().then(|| {
                let chosen =
                    chosen.with_untracked(|e| if which == 0 { e.0.clone() } else { e.1.clone() });
                listed.with(|l| {
                    l.iter()
                        .map(|(name, id)| {
                            let selected = *id == chosen;
                            view! { <option value=id.clone() selected=selected>{name.clone()}</option> }
                        })
                        .collect_view()
                })
            })
        }
    };
    let from_select = NodeRef::<leptos::html::Select>::new();
    let to_select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        let (a, b) = ends();
        for (select, id) in [(from_select, a), (to_select, b)] {
            if let Some(select) = select.get() {
                select.set_value(&id);
            }
        }
    });
    let m = model.clone();
    let words = move || {
        let lang = state.lang.get();
        let (a, b) = ends();
        let (Some(from), Some(_)) = (m.graph.node_index(&a), m.graph.node_index(&b)) else {
            return None;
        };
        let found = state.on_path.get();
        if found.paths.is_empty() {
            return Some(
                view! { <p class="path-none" role="status">{tr(lang).path_none}</p> }.into_any(),
            );
        }
        let name = |i: usize| pick(&m.dataset.nodes[i].name, lang).0;
        let items = found
            .paths
            .iter()
            .map(|p| {
                let mut text = name(from);
                for s in p {
                    let e = &m.dataset.edges[s.edge];
                    let arrow = if s.forward {
                        format!(" —{}→ ", relation_label(e.kind, true, lang))
                    } else {
                        format!(" ←{}— ", relation_label(e.kind, true, lang))
                    };
                    text.push_str(&arrow);
                    text.push_str(&name(s.to));
                }
                view! { <li>{text}</li> }
            })
            .collect_view();
        Some(
            view! {
                <p role="status">{format!("{} {}", found.paths.len(), tr(lang).paths_found)}</p>
                <ol class="paths">{items}</ol>
            }
            .into_any(),
        )
    };
    view! {
        <section class="path-finder" data-panel="path">
            <h2>{move || t().path}</h2>
            <label>{move || t().path_from}" "
                <select data-path-end="from" node_ref=from_select on:focus=reached on:change=move |e| set_end(0, select_value(&e))>
                    <option value="">{move || t().choose}</option>
                    {options(0)}
                </select>
            </label>
            <label>{move || t().path_to}" "
                <select data-path-end="to" node_ref=to_select on:focus=reached on:change=move |e| set_end(1, select_value(&e))>
                    <option value="">{move || t().choose}</option>
                    {options(1)}
                </select>
            </label>
            <p class="hint">{move || t().path_hint}</p>
            {words}
            {move || state.view.with(|v| v.path.is_some()).then(|| view! {
                <button type="button" on:click=move |_| state.view.update(|v| v.path = None)>{t().clear}</button>
            })}
        </section>
    }
}
