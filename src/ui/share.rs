//! "Share and export": the embed code for the current view, downloads of the view (SVG, PNG,
//! CSV, JSON) and print. One panel, because these are the ways the map leaves the page.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::i18n::{date, pick, tr};
use super::state::{MapState, Model};
use crate::export;

/// How much larger than the map's own size the PNG is drawn.
const PNG_SCALE: f64 = 2.0;

#[derive(Clone, Copy, PartialEq)]
enum Download {
    Svg,
    Png,
    Bodies,
    Relations,
    Json,
    Changes,
    Flow,
}

impl Download {
    fn as_str(self) -> &'static str {
        match self {
            Download::Svg => "svg",
            Download::Png => "png",
            Download::Bodies => "bodies",
            Download::Relations => "relations",
            Download::Json => "json",
            Download::Changes => "changes",
            Download::Flow => "flow",
        }
    }
}

/// The page's address without its query: where the embed code and the caption point.
fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

#[component]
pub fn Share(model: Arc<Model>, state: MapState, open: RwSignal<bool>) -> impl IntoView {
    let t = move || tr(state.lang.get());
    let view = state.view;
    let graph_shown = Memo::new(move |_| view.with(|v| v.view == crate::view::ViewKind::Graph));
    let title = {
        let title = model.dataset.manifest.title.clone();
        move || pick(&title, state.lang.get()).0
    };

    let snippet = {
        let title = title.clone();
        move || {
            let mut v = view.get();
            v.embed = true;
            let page = page_address();
            let framed = format!("{page}?{}", v.to_query());
            v.embed = false;
            let full = format!("{page}?{}", v.to_query());
            export::embed_snippet(&framed, &full, &title())
        }
    };
    let copy_state = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let Some(area) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("embed-code"))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(e).ok())
        else {
            return;
        };
        area.select();
        let text = area.value();
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        spawn_local(async move {
            let done = match clipboard {
                Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&text))
                    .await
                    .is_ok(),
                None => false,
            };
            let t = tr(state.lang.get_untracked());
            copy_state.set(Some(if done { t.copied } else { t.copy_by_hand }));
        });
    };

    let failure = RwSignal::new(None::<String>);
    let m = model.clone();
    let run = move |what: Download| {
        let lang = state.lang.get_untracked();
        let t = tr(lang);
        let v = view.get_untracked();
        let vis = state.visible.get_untracked();
        let d = &m.dataset;
        let as_of = export::as_of(d, &v);
        let name = |ext: &str, part: Option<&str>| export::file_name(as_of, part, ext);
        let result = match what {
            Download::Bodies => super::export::download_text(
                &name("csv", Some("bodies")),
                "text/csv",
                &export::bodies_csv(d, &vis),
            ),
            Download::Relations => super::export::download_text(
                &name("csv", Some("relations")),
                "text/csv",
                &export::relations_csv(d, &vis),
            ),
            Download::Json => super::export::download_text(
                &name("json", None),
                "application/json",
                &export::json(d, &vis, &v),
            ),
            Download::Flow => match state
                .flow
                .get_untracked()
                .and_then(|f| d.flows.get(f.index))
            {
                Some(f) => super::export::download_text(
                    &crate::story::flow::file_name(f, "csv"),
                    "text/csv",
                    &crate::story::flow::csv(d, f),
                ),
                None => Ok(()),
            },
            Download::Changes => match state.changes.get_untracked() {
                Some(c) => super::export::download_text(
                    &export::changes_file_name(&c, "csv"),
                    "text/csv",
                    &export::changes_csv(d, &c),
                ),
                None => Ok(()),
            },
            Download::Svg | Download::Png => {
                let heading = pick(&d.manifest.title, lang).0;
                let mut caption = vec![
                    heading.clone(),
                    format!("{} {}", t.data_as_of, date(as_of, lang)),
                    format!("{} {}?{}", t.caption_source, page_address(), v.to_query()),
                ];
                // With `from=`, the caption says the two dates the marks compare.
                if let Some(c) = state.changes.get_untracked() {
                    let line = format!(
                        "{} {} → {}",
                        t.caption_changes,
                        date(c.from, lang),
                        date(c.to, lang)
                    );
                    caption.insert(2, line);
                }
                match super::export::map_svg(&heading, &caption) {
                    Err(e) => Err(e),
                    Ok((svg, ..)) if what == Download::Svg => {
                        super::export::download_text(&name("svg", None), "image/svg+xml", &svg)
                    }
                    Ok((svg, w, h)) => {
                        let file = name("png", None);
                        spawn_local(async move {
                            let done = match super::export::png(&svg, w, h, PNG_SCALE).await {
                                Ok(url) => super::export::download_url(&file, &url),
                                Err(e) => Err(e),
                            };
                            failure.set(done.err());
                        });
                        Ok(())
                    }
                }
            }
        };
        failure.set(result.err());
    };
    let run = StoredValue::new(run);
    // A data download asked for in the first moments, before the long texts (sources, notes,
    // flows) have arrived, is made as soon as they are here: never without them.
    let complete = RwSignal::from(model.complete.clone());
    let pending = RwSignal::new(None::<Download>);
    Effect::new(move |_| {
        if complete.get() {
            if let Some(what) = pending.get_untracked() {
                pending.set(None);
                run.with_value(|r| r(what));
            }
        }
    });
    let button = move |what: Download, label: fn(&'static super::i18n::Tr) -> &'static str| {
        let picture = matches!(what, Download::Svg | Download::Png);
        view! {
            <button
                type="button"
                data-export=what.as_str()
                disabled=move || picture && !graph_shown.get()
                on:click=move |_| {
                    if picture || complete.get_untracked() {
                        run.with_value(|r| r(what));
                    } else {
                        pending.set(Some(what));
                    }
                }
            >
                {move || label(t())}
            </button>
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <section class="share" role="dialog" aria-labelledby="share-title" data-panel="share">
            <header>
                <h2 id="share-title">{move || t().share}</h2>
                <button type="button" class="close" on:click=move |_| open.set(false)>{move || t().close}</button>
            </header>
            <h3>{move || t().embed_heading}</h3>
            <p class="hint">{move || t().embed_hint}</p>
            <label for="embed-code" class="visually-hidden">{move || t().embed_code}</label>
            <textarea id="embed-code" readonly rows="6" spellcheck="false" prop:value=snippet data-embed-snippet=""></textarea>
            <p>
                <button type="button" data-action="copy-embed" on:click=copy>{move || t().copy}</button>
                " "<span role="status">{move || copy_state.get()}</span>
            </p>
            <h3>{move || t().download_heading}</h3>
            <div class="downloads">
                {button(Download::Svg, |t| t.export_svg)}
                {button(Download::Png, |t| t.export_png)}
                {button(Download::Bodies, |t| t.export_bodies)}
                {button(Download::Relations, |t| t.export_relations)}
                {button(Download::Json, |t| t.export_json)}
                {move || state.changes.with(|c| c.is_some()).then(|| button(Download::Changes, |t| t.export_changes))}
                {move || state.flow.with(|f| f.is_some()).then(|| button(Download::Flow, |t| t.export_flow))}
                <button type="button" data-action="print" on:click=print>{move || t().print}</button>
            </div>
            <Show when=move || !graph_shown.get()>
                <p class="hint">{move || t().pictures_from_graph}</p>
            </Show>
            <Show when=move || failure.get().is_some()>
                <p role="alert" class="problem">{move || format!("{}: {}", t().export_failed, failure.get().unwrap_or_default())}</p>
            </Show>
        </section>
    }
}
