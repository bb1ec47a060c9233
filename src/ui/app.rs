//! The top of the page: reads the view from the URL, loads the dataset, then shows the map,
//! the table or the comparison — or says exactly what failed. Every change of view is written
//! back to the URL with `history.replaceState`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::compare::Compare;
use super::controls::Controls;
use super::details::Details;
use super::i18n::{tr, Tr};
use super::legend::Legend;
use super::load::{load, load_whole, Arrived};
use super::map::Map;
use super::share::Share;
use super::state::{MapState, Model};
use super::table::Table;
use super::timing::{mark, yield_to_browser};
use crate::model::Problem;
use crate::view::{Lang, Notice, ViewKind, ViewState};

#[derive(Clone)]
enum Phase {
    Loading,
    Failed(Vec<Problem>),
    Ready(Arc<Model>),
}

#[component]
pub fn App() -> impl IntoView {
    let (initial, notices) = ViewState::parse(&location_search());
    let lang = initial.lang.unwrap_or(Lang::En);
    let phase = RwSignal::new(Phase::Loading);
    let data = initial.data.clone();
    // Playing a flow needs the flows and their texts at once; other views draw from the first
    // load and receive the long texts after the first paint.
    let whole = !initial.flow.is_empty();
    // The table and the comparison have no map to wait for.
    let map_first = initial.view == ViewKind::Graph;
    let start = move || {
        let data = data.clone();
        phase.set(Phase::Loading);
        spawn_local(async move {
            // Reading, building and drawing run as separate tasks, so the page keeps answering.
            let loaded = load(data.as_deref(), whole).await;
            mark("alliance-map:data-read");
            yield_to_browser().await;
            let next = match loaded {
                Ok(Arrived::Whole(loaded)) if !loaded.dataset.nodes.is_empty() => {
                    let model = Model::new(loaded.dataset, loaded.problems);
                    mark("alliance-map:model-built");
                    yield_to_browser().await;
                    Phase::Ready(model)
                }
                Ok(Arrived::First(first)) if !first.dataset.nodes.is_empty() => {
                    let model = Model::first_load(first);
                    mark("alliance-map:model-built");
                    complete_after_first_paint(model.clone(), map_first);
                    Phase::Ready(model)
                }
                Ok(Arrived::Whole(loaded)) => Phase::Failed(loaded.problems),
                Ok(Arrived::First(_)) => Phase::Failed(Vec::new()),
                Err(problems) => Phase::Failed(problems),
            };
            phase.set(next);
        });
    };
    let start = StoredValue::new(start);
    start.with_value(|s| s());
    // Without `data=`, the address that opens the bundled dataset with the same view.
    let bundled = initial.data.is_some().then(|| {
        let mut v = initial.clone();
        v.data = None;
        format!("?{}", v.to_query())
    });

    let initial = StoredValue::new(initial);
    let notices = StoredValue::new(notices);
    move || {
        match phase.get() {
        Phase::Loading => view! {
            <div class="loading" role="status" aria-live="polite">
                <div class="spinner" aria-hidden="true"></div>
                {tr(lang).loading_data}
            </div>
        }
        .into_any(),
        Phase::Failed(problems) => view! {
            <main class="failed">
                <ProblemList problems=problems heading=tr(lang).fatal_problems t=tr(lang) />
                <p class="recover">
                    <button type="button" data-action="retry" on:click=move |_| start.with_value(|s| s())>{tr(lang).retry}</button>
                    " "
                    {bundled.clone().map(|href| view! { <a href=href data-action="bundled">{tr(lang).use_bundled}</a> })}
                </p>
            </main>
        }
        .into_any(),
        Phase::Ready(model) => {
            // Parameters that name the dataset's own things are checked once it is here.
            let mut initial = initial.get_value();
            let mut notices = notices.get_value();
            notices.extend(initial.settle_flows(&model.dataset.flows));
            // `from=` must come before the day shown, which may be the data's `as_of`.
            if let Some(end) = initial.at(model.dataset.manifest.as_of) {
                notices.extend(initial.settle_from(end));
            }
            view! { <Loaded model=model initial=initial notices=notices /> }
                .into_any()
        }
    }
    }
}

#[component]
fn Loaded(model: Arc<Model>, initial: ViewState, notices: Vec<Notice>) -> impl IntoView {
    let state = MapState::new(model.clone(), initial);
    let view = state.view;

    // The URL follows the view; <html lang> follows the language.
    Effect::new(move |_| {
        let query = view.with(|v| v.to_query());
        replace_query(&query);
    });
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.as_str());
        }
    });

    let t = move || tr(state.lang.get());
    let title = {
        let title = model.dataset.manifest.title.clone();
        move || super::i18n::pick(&title, state.lang.get()).0
    };
    let as_of = model.dataset.manifest.as_of.to_string();
    let problems = model.problems.clone();
    let notices = RwSignal::new(notices);
    let embed = view.with_untracked(|v| v.embed);
    // Effects run once the view is in the document: this marks the end of the mount, and
    // keeping the files for offline starts only then, so it never delays the map.
    Effect::new(move |_| {
        mark("alliance-map:mounted");
        super::offline::keep_for_offline(embed);
    });
    // `data-complete` on <html> once the long texts are here (at once for a dataset read
    // whole; after the first paint for the bundled first load): a hook for tests and embedders.
    let complete = model.complete.clone();
    Effect::new(move |_| {
        if complete.get() {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-complete", "true");
            }
        }
    });
    // A memo: the views are rebuilt only when the choice of view changes, not on every
    // change of the view state.
    let current = Memo::new(move |_| view.with(|v| v.view));
    let set_view = move |k: ViewKind| view.update(|v| v.view = k);
    let toggle_lang = move |_| {
        let next = if state.lang.get_untracked() == Lang::Ja {
            Lang::En
        } else {
            Lang::Ja
        };
        view.update(|v| v.lang = Some(next));
    };

    // In an embed: a way out to the full map with the same view, and the height for the host.
    let full_map = move || {
        let mut v = view.get();
        v.embed = false;
        format!("?{}", v.to_query())
    };
    if embed {
        let resize =
            window_event_listener(leptos::ev::resize, move |_| super::embed::report_height());
        on_cleanup(move || resize.remove());
    }

    let sharing = RwSignal::new(false);

    // Keys that work anywhere outside a text field: `/` to search, `?` for the shortcuts.
    let help = RwSignal::new(false);
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if typing(&e) {
            return;
        }
        match e.key().as_str() {
            "/" => {
                e.prevent_default();
                if let Some(input) = element_by_id("search-input") {
                    let _ = input.focus();
                }
            }
            "?" => help.update(|h| *h = !*h),
            "Escape" if help.get_untracked() => help.set(false),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    // On a phone the side panel is a drawer over the map.
    let drawer = RwSignal::new(false);
    // "Skip to map" moves focus to the map's body in the tab order.
    let skip = move |e: web_sys::MouseEvent| {
        let target = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(".node[tabindex='0'], #map, #main")
                    .ok()
                    .flatten()
            })
            .and_then(|el| {
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el.clone())
                    .ok()
                    .map(|h| h.focus())
                    .or_else(|| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(el)
                            .ok()
                            .map(|s| s.focus())
                    })
            });
        if target.is_some() {
            e.prevent_default();
        }
    };

    view! {
        <div class="app" class:embed=embed class:drawer-open=move || drawer.get() data-current-view=move || current.get().as_str()>
            // To the map, or in the table and comparison views to the view itself.
            <a class="skip-link" href=move || if current.get() == ViewKind::Graph { "#map" } else { "#main" } on:click=skip>{move || if current.get() == ViewKind::Graph { t().skip_to_map } else { t().skip_to_content }}</a>
            <header class="top">
                <h1>{title}</h1>
                <span class="as-of">{move || t().data_as_of}" "{as_of.clone()}</span>
            </header>
            <main class="main" id="main" tabindex="-1">
                {(!problems.is_empty()).then(|| view! {
                    // What failed may work on a second try (a server that timed out): reloading
                    // keeps the view, which is in the URL.
                    <ProblemList problems=problems.clone() heading=tr(state.lang.get_untracked()).partial_problems t=tr(state.lang.get_untracked())>
                        <button type="button" data-action="retry" on:click=|_| reload()>{tr(state.lang.get_untracked()).retry}</button>
                    </ProblemList>
                })}
                {move || (!notices.with(|n| n.is_empty())).then(|| view! {
                    <section class="notices" role="status" data-panel="notices">
                        <strong>{t().notices}{t().colon}</strong>
                        {notices.get().iter().map(|n| n.to_string()).collect::<Vec<_>>().join("; ")}
                        " "<button type="button" class="link" on:click=move |_| notices.set(Vec::new())>{t().dismiss}</button>
                    </section>
                })}
                {
                    let model = model.clone();
                    move || sharing.get().then(|| view! { <div id="share-panel"><Share model=model.clone() state=state open=sharing /></div> })
                }
                <div class="workspace">
                    // The map comes first in the tab order (Tab from the page's start reaches a
                    // body at the second press); the side panel is placed on its left by CSS.
                    {
                        let model = model.clone();
                        move || {
                        // The map is laid out for one language's labels: a new language, a new map.
                        let _ = state.lang.get();
                        match current.get() {
                            ViewKind::Graph => view! {
                                <Map model=model.clone() state=state />
                                <Legend model=model.clone() state=state />
                            }.into_any(),
                            ViewKind::Table => view! { <Table model=model.clone() state=state /> }.into_any(),
                            ViewKind::Compare => view! { <Compare model=model.clone() state=state /> }.into_any(),
                        }
                        }
                    }
                    <Controls model=model.clone() state=state />
                    <Details model=model.clone() state=state />
                </div>
            </main>
            <nav class="toolbar" aria-label=move || t().views>
                <div class="view-tabs">
                    <button type="button" aria-pressed=move || (current.get() == ViewKind::Graph).to_string() on:click=move |_| set_view(ViewKind::Graph)>{move || t().view_graph}</button>
                    <button type="button" aria-pressed=move || (current.get() == ViewKind::Table).to_string() on:click=move |_| set_view(ViewKind::Table)>{move || t().view_table}</button>
                    <button type="button" aria-pressed=move || (current.get() == ViewKind::Compare).to_string() on:click=move |_| set_view(ViewKind::Compare)>{move || t().view_compare}</button>
                </div>
                {(!embed).then(|| view! {
                    <button type="button" class="drawer-toggle" data-action="drawer" aria-expanded=move || drawer.get().to_string() aria-controls="controls" on:click=move |_| drawer.update(|d| *d = !*d)>{move || if drawer.get() { t().panel_hide } else { t().panel_show }}</button>
                    <button type="button" class="share-toggle" data-action="share" aria-expanded=move || sharing.get().to_string() aria-controls="share-panel" on:click=move |_| sharing.update(|s| *s = !*s)>{move || t().share}</button>
                })}
                {embed.then(|| view! { <a class="open-full" href=full_map target="_blank" rel="noopener" data-action="open-full">{move || t().open_full_map}</a> })}
                <button type="button" class="lang-switch" on:click=toggle_lang lang=move || if state.lang.get() == Lang::Ja { "en" } else { "ja" }>{move || t().language}</button>
            </nav>
            <Show when=move || help.get()>
                <Shortcuts lang=state.lang.get_untracked() close=help />
            </Show>
        </div>
    }
}

/// Every problem with its file and place, as text. `role="alert"` so it is announced.
#[component]
fn ProblemList(
    problems: Vec<Problem>,
    heading: &'static str,
    t: &'static Tr,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let count = problems.len();
    view! {
        <section class="problems" role="alert" data-panel="problems">
            <h2>{heading}</h2>
            <p>{format!("{count} {}:", t.problems)}</p>
            <ul>
                {problems.into_iter().map(|p| view! {
                    <li><code>{p.file}</code>" "<code>{p.place}</code>": "{p.message}</li>
                }).collect_view()}
            </ul>
            {children.map(|c| c())}
        </section>
    }
}

/// The keyboard shortcuts, listed on `?`.
#[component]
fn Shortcuts(lang: Lang, close: RwSignal<bool>) -> impl IntoView {
    let t = tr(lang);
    let rows: [(&str, &str); 9] = [
        ("Tab", t.key_tab),
        ("← ↑ → ↓", t.key_arrows),
        ("Enter", t.key_enter),
        ("Esc", t.key_escape),
        ("/", t.key_search),
        ("+  −", t.key_zoom),
        ("0", t.key_fit),
        ("?", t.key_help),
        ("", ""),
    ];
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.focus();
        }
    });
    view! {
        <div class="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" tabindex="-1" node_ref=dialog data-panel="shortcuts">
            <h2 id="shortcuts-title">{t.shortcuts}</h2>
            <dl>
                {rows.into_iter().filter(|(k, _)| !k.is_empty()).map(|(k, what)| view! { <dt><kbd>{k}</kbd></dt><dd>{what}</dd> }).collect_view()}
            </dl>
            <button type="button" on:click=move |_| close.set(false)>{t.close}</button>
        </div>
    }
}

/// True when the key went to a text field, where the page's own keys (`/`, `?`, arrows) are
/// just typing.
pub(crate) fn typing(e: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Reads the whole dataset once the map is on screen (`alliance-map:ready`), so the long texts
/// never delay the first paint; when the page opens on the table or the comparison (no map),
/// once that is mounted. Should reading fail, the page stays as it is, without them.
fn complete_after_first_paint(model: Arc<Model>, map_first: bool) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let read = move || {
        spawn_local(async move {
            match load_whole().await {
                Ok(whole) => {
                    if !model.complete_with(whole) {
                        leptos::logging::warn!(
                            "the whole dataset does not match its first load: kept without long texts"
                        );
                    }
                    mark("alliance-map:complete");
                }
                Err(e) => leptos::logging::warn!("{e}"),
            }
        });
    };
    if !map_first {
        // In a later task: the view is mounted by then.
        spawn_local(async move {
            yield_to_browser().await;
            read();
        });
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::once_into_js(read);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "alliance-map:ready",
        listener.unchecked_ref(),
        &options,
    );
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Rewrites the query string in place: no reload, no new history entry.
fn replace_query(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let hash = window.location().hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
