//! Component tests in headless Chromium (wasm-bindgen-test): the map, the details panel and
//! the app's error path, each mounted on its own.

#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use alliance_map::model::load_with;
use alliance_map::ui::{App, Details, Map, MapState, Model};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MANIFEST: &str = r##"{ "schema_version": 1, "title": { "en": "Test" }, "as_of": "2026-01-01",
  "countries": [ { "id": "us", "name": { "en": "United States" }, "color": "#2f5fb3" },
                 { "id": "jp", "name": { "en": "Japan", "ja": "日本" }, "color": "#c2313f" } ],
  "files": ["a.json"] }"##;

const FILE: &str = r##"{ "nodes": [
  { "id": "us-dhs", "country": "us", "kind": "ministry", "name": { "en": "Department of Homeland Security" }, "roles": [], "since": "2002",
    "sources": [ { "url": "https://www.dhs.gov", "title": "DHS", "accessed": "2026-01-01" } ] },
  { "id": "us-cisa", "country": "us", "kind": "agency", "name": { "en": "Cybersecurity and Infrastructure Security Agency" }, "short": { "en": "CISA" },
    "roles": ["incident_response"], "since": "2018-11-16", "website": "javascript:alert(1)",
    "sources": [ { "url": "https://www.cisa.gov", "title": "CISA", "accessed": "2026-01-01" } ] },
  { "id": "jp-nco", "country": "jp", "kind": "policy_coordination", "name": { "en": "<img src=x onerror=\"window.__pwned=1\">", "ja": "国家サイバー統括室" },
    "roles": [], "since": "2025-07-01", "sources": [ { "url": "https://www.cas.go.jp", "title": "CAS", "accessed": "2026-01-01" } ] }
 ],
 "edges": [
  { "source": "us-cisa", "target": "us-dhs", "kind": "part_of", "sources": [ { "url": "https://www.cisa.gov", "title": "CISA", "accessed": "2026-01-01" } ] },
  { "source": "us-cisa", "target": "jp-nco", "kind": "counterpart_of", "sources": [ { "url": "https://www.cisa.gov", "title": "CISA", "accessed": "2026-01-01" } ] }
 ] }"##;

fn model() -> Arc<Model> {
    let loaded = load_with("manifest.json", |name| match name {
        "manifest.json" => Ok(MANIFEST.to_string()),
        "a.json" => Ok(FILE.to_string()),
        _ => Err("missing".into()),
    })
    .expect("test dataset loads");
    assert!(
        loaded.problems.iter().all(|p| p.place.ends_with("website")),
        "{:?}",
        loaded.problems
    );
    Model::new(loaded.dataset, loaded.problems)
}

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let div = doc
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    div.set_attribute("style", "width: 800px; height: 600px")
        .unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn map_draws_every_node_and_edge_at_finite_positions() {
    let model = model();
    let root = container();
    let state = MapState::new(model.clone(), alliance_map::view::ViewState::default());
    let m = model.clone();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Map model=m.clone() state=state /> },
    );
    settle().await;
    assert_eq!(count(&root, "[data-node-id]"), 3);
    assert_eq!(
        count(
            &root,
            "[data-edge-kind='part_of'][data-edge-source='us-cisa'][data-edge-target='us-dhs']"
        ),
        1
    );
    assert_eq!(count(&root, "[data-edge-kind]"), 2);
    let nodes = root.query_selector_all("[data-node-id]").unwrap();
    for i in 0..nodes.length() {
        let el = nodes.item(i).unwrap().unchecked_into::<web_sys::Element>();
        let t = el.get_attribute("transform").unwrap_or_default();
        assert!(
            t.starts_with("translate(") && !t.contains("NaN") && !t.contains("inf"),
            "{t}"
        );
    }
    // Hostile text is drawn as text: no element was created from it, no script ran.
    assert_eq!(count(&root, "img"), 0);
    assert!(js_sys::Reflect::get(&window(), &"__pwned".into())
        .unwrap()
        .is_undefined());
    root.remove();
}

#[wasm_bindgen_test]
async fn details_follow_the_selection_and_relations_jump() {
    let model = model();
    let root = container();
    let state = MapState::new(model.clone(), alliance_map::view::ViewState::default());
    let m = model.clone();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Details model=m.clone() state=state /> },
    );
    settle().await;
    assert_eq!(
        count(&root, "[data-panel='details']"),
        0,
        "no panel without a selection"
    );

    state.select(model.graph.node_index("us-cisa"));
    settle().await;
    let panel = root
        .query_selector("[data-panel='details']")
        .unwrap()
        .expect("panel open");
    let text = panel.text_content().unwrap_or_default();
    assert!(
        text.contains("Cybersecurity and Infrastructure Security Agency"),
        "{text}"
    );
    assert!(
        text.contains("Department of Homeland Security"),
        "parent shown: {text}"
    );
    // The javascript: website is shown as text, never as a link.
    assert_eq!(count(&root, "a[href^='javascript']"), 0);
    assert_eq!(
        count(
            &root,
            "a[href='https://www.cisa.gov'][rel='noopener noreferrer']"
        ),
        1
    );

    let jump = root
        .query_selector("[data-panel='details'] [data-ref-id='jp-nco']")
        .unwrap()
        .expect("relation button");
    jump.unchecked_into::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(
        state.selected.get_untracked(),
        model.graph.node_index("jp-nco")
    );
    let text = root
        .query_selector("[data-panel='details']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(
        text.contains("<img src=x"),
        "hostile name shown as text: {text}"
    );
    assert!(text.contains("国家サイバー統括室"));
    assert_eq!(count(&root, "img"), 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_app_loads_the_bundled_data_and_announces_it_is_ready() {
    // wasm-bindgen-test-runner serves the crate root, so the app's `data/` is the real one.
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    let ready = || {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("data-map-ready"))
            .is_some()
    };
    for _ in 0..300 {
        if ready() {
            break;
        }
        settle().await;
    }
    assert!(
        ready(),
        "the map never became ready: {}",
        root.inner_html().chars().take(500).collect::<String>()
    );
    // The first view: today's organization, the top of each chart opened to what fits.
    assert!(
        count(&root, "[data-node-id]") >= 30,
        "the bundled dataset is drawn"
    );
    assert_eq!(
        count(&root, ".region"),
        3,
        "a region per country and one between"
    );
    assert_eq!(
        count(&root, "[role='alert']"),
        0,
        "the bundled dataset loads without problems"
    );
    root.remove();
}
