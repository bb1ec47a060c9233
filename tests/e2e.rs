//! End-to-end: the release build in dist/, served on loopback, in real headless Chromium.
//! Run by `cargo xtask test`, which builds dist/ and sets ALLIANCE_MAP_DIST.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/generated.rs"]
mod generated;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use browser::Browser;
use fantoccini::Locator;
use generated::variant;
use server::{Reply, Server};

use common::dist;

/// The page as built, with a listener that counts `alliance-map:ready` events installed before
/// the app starts (the event fires once, before a test could attach to it).
fn index_with_ready_counter() -> Reply {
    Reply::page_with_script(
        &dist(),
        "window.__ready=0;addEventListener('alliance-map:ready',()=>window.__ready++);",
    )
}

fn severe(console: &[(String, String)]) -> Vec<&(String, String)> {
    console
        .iter()
        .filter(|(level, _)| level == "SEVERE")
        .collect()
}

/// The map drawn and the long texts here (see `data-complete`).
const READY: &str = "document.documentElement.dataset.mapReady === 'true' \
    && document.documentElement.dataset.complete === 'true'";

#[tokio::test(flavor = "multi_thread")]
async fn release_build_draws_the_whole_dataset_and_opens_details() {
    let dist = dist();
    let dataset = common::dist_dataset();
    let server = Server::start(
        &dist,
        HashMap::from([("index.html".to_string(), index_with_ready_counter())]),
    );
    let b = Browser::start().await;
    // Every body of every era, every level and every relation: all of it on one screen.
    b.client
        .goto(&server.url("?date=all&open=all&layers=all"))
        .await
        .expect("open the page");
    b.wait_until(READY, 60).await;
    assert_eq!(
        b.eval("window.__ready").await,
        1,
        "alliance-map:ready fires once"
    );

    let nodes = b
        .eval("document.querySelectorAll('[data-node-id]').length")
        .await;
    assert_eq!(
        nodes.as_u64(),
        Some(dataset.nodes.len() as u64),
        "one drawn node per dataset node"
    );
    let edges = b.eval("document.querySelectorAll('[data-edge-source][data-edge-target][data-edge-kind]').length").await;
    assert_eq!(
        edges.as_u64(),
        Some(dataset.edges.len() as u64),
        "one drawn edge per dataset edge"
    );
    let visible = b
        .eval("[...document.querySelectorAll('[data-node-id]')].filter(g => { const r = g.getBoundingClientRect(); return r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight; }).length")
        .await;
    assert_eq!(
        visible.as_u64(),
        Some(dataset.nodes.len() as u64),
        "fit shows every node in the window"
    );

    // Click CISA: its details open with its English name and sources as safe links.
    let cisa = dataset
        .nodes
        .iter()
        .find(|n| n.id == "us-cisa")
        .expect("us-cisa in the dataset");
    b.client
        .find(Locator::Css("[data-node-id='us-cisa'] .symbol"))
        .await
        .expect("CISA drawn")
        .click()
        .await
        .expect("click CISA");
    let panel = b
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-panel='details']"))
        .await
        .expect("details open");
    let text = panel.text().await.expect("panel text");
    assert!(
        text.contains(&cisa.name.en),
        "details show {:?}, got {text:?}",
        cisa.name.en
    );
    assert_eq!(
        b.eval("document.querySelector('[data-node-id=\"us-cisa\"]').dataset.selected")
            .await,
        "true"
    );
    let unsafe_links = b.eval("[...document.querySelectorAll('[data-panel=details] a')].filter(a => !/^https?:/.test(a.href) || a.rel !== 'noopener noreferrer').length").await;
    assert_eq!(unsafe_links, 0);

    // Follow a relation to its parent, DHS.
    b.client
        .find(Locator::Css(
            "[data-panel='details'] [data-ref-id='us-dhs']",
        ))
        .await
        .expect("relation to DHS")
        .click()
        .await
        .expect("click");
    b.wait_until(
        "document.querySelector('[data-node-id=\"us-dhs\"]').dataset.selected === 'true'",
        10,
    )
    .await;
    let dhs = &dataset
        .nodes
        .iter()
        .find(|n| n.id == "us-dhs")
        .expect("us-dhs")
        .name
        .en;
    b.wait_until(
        &format!(
            "document.querySelector('[data-panel=details] h2.name').textContent === {}",
            serde_json::to_string(dhs).unwrap()
        ),
        10,
    )
    .await;

    // Escape closes the panel.
    b.client.execute("document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))", vec![]).await.expect("escape");
    b.wait_until("!document.querySelector('[data-panel=details]')", 10)
        .await;

    // The strict Content-Security-Policy is in place (and broke nothing: see the console check).
    let policy = b
        .eval("document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
        .await;
    assert!(
        policy
            .as_str()
            .unwrap_or("")
            .starts_with("default-src 'self'"),
        "{policy}"
    );

    // Every request stayed on the page's origin.
    let foreign = b.eval("performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith(location.origin))").await;
    assert_eq!(foreign, serde_json::json!([]), "requests to other origins");
    let requested = server
        .requests
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default();
    let expected = |p: &str| {
        p == "/"
            || p.starts_with("/?")
            || p.ends_with(".js")
            || p.ends_with(".wasm")
            || p.ends_with(".css")
            || (p.starts_with("/data/") && p.ends_with(".json"))
            || [
                "/index.html",
                // The editor's page, which the service worker keeps for offline use.
                "/edit.html",
                "/icon.svg",
                "/manifest.webmanifest",
                "/sw.js",
            ]
            .contains(&p)
    };
    let unexpected: Vec<&String> = requested.iter().filter(|p| !expected(p)).collect();
    assert!(unexpected.is_empty(), "unexpected requests: {unexpected:?}");
    assert!(
        requested.iter().any(|p| p == "/data/manifest.json"),
        "{requested:?}"
    );

    let png = b.client.screenshot().await.expect("screenshot");
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&out).expect("target/e2e");
    std::fs::write(out.join("map.png"), png).expect("write screenshot");

    let console = b.console().await;
    assert!(severe(&console).is_empty(), "console errors: {console:#?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn drag_pins_a_node_zoom_works_and_the_settled_map_stops_animating() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?open=all"))
        .await
        .expect("open the page");
    b.wait_until(READY, 60).await;

    let node = "document.querySelector('[data-node-id=\"jp-nco\"]')";
    let before = b
        .eval(&format!("{node}.getBoundingClientRect().toJSON()"))
        .await;
    b.drag(
        "[data-node-id='jp-nco'] .symbol",
        &[(60.0, 80.0), (60.0, 80.0)],
    )
    .await;
    b.wait_until(
        "document.querySelector('svg.map-canvas').dataset.layout === 'settled'",
        30,
    )
    .await;
    let after = b
        .eval(&format!("{node}.getBoundingClientRect().toJSON()"))
        .await;
    let moved = |k: &str| after[k].as_f64().unwrap_or(0.0) - before[k].as_f64().unwrap_or(0.0);
    assert!(
        (moved("x") - 120.0).abs() < 12.0 && (moved("y") - 160.0).abs() < 12.0,
        "dragged by (120,160): moved ({}, {})",
        moved("x"),
        moved("y")
    );
    assert!(
        b.eval("!document.querySelector('[data-panel=details]')")
            .await
            == true,
        "a drag is not a click"
    );

    // At rest, no animation frame is requested.
    b.client
        .execute("window.__frames = 0; const raf = window.requestAnimationFrame.bind(window); window.requestAnimationFrame = cb => { window.__frames++; return raf(cb); };", vec![])
        .await
        .expect("count frames");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        b.eval("window.__frames").await,
        0,
        "frames requested while the map is at rest"
    );

    // Zoom in with the button: the drawing scales up.
    let scale = "Number(/scale\\(([0-9.]+)\\)/.exec(document.querySelector('svg.map-canvas g.viewport').getAttribute('transform'))[1])";
    let k0 = b.eval(scale).await.as_f64().expect("scale");
    b.client
        .find(Locator::Css("button[data-zoom='in']"))
        .await
        .expect("zoom button")
        .click()
        .await
        .expect("click zoom");
    let k1 = b.eval(scale).await.as_f64().expect("scale");
    assert!(
        (k1 / k0 - 1.25).abs() < 0.01,
        "zoom in scales by 1.25: {k0} -> {k1}"
    );
    b.client
        .find(Locator::Css("button[data-zoom='fit']"))
        .await
        .expect("fit")
        .click()
        .await
        .expect("click fit");
    let k2 = b.eval(scale).await.as_f64().expect("scale");
    assert!(
        (k2 - k0).abs() / k0 < 0.05,
        "fit returns to the fitted scale: {k0} vs {k2}"
    );

    let console = b.console().await;
    assert!(severe(&console).is_empty(), "console errors: {console:#?}");
    b.close().await;
}

// The bundled first view reads the build's compiled file (`first-load.json`); the tests of
// broken, missing and slow files open the same folder file by file with `data=data/`, as any
// dataset is read.

/// A file whose server never answers is given up after the 20 s limit, and one cut off half way
/// is named too; the rest of the map is drawn, and "Try again" reloads the same view.
#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_never_answers_or_is_cut_off_is_named_and_can_be_retried() {
    let laws = std::fs::read(dist().join("data/laws.json")).expect("laws.json");
    let server = Server::start(
        &dist(),
        HashMap::from([
            ("data/jp.json".to_string(), Reply::never()),
            (
                "data/laws.json".to_string(),
                Reply::cut_off("application/json", laws),
            ),
        ]),
    );
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?data=data/&select=us-cisa"))
        .await
        .expect("open the page");
    b.wait_until(READY, 90).await;
    let alert = b.text("[data-panel=problems]").await;
    assert!(
        alert.contains("jp.json") && alert.contains("no answer within 20 s"),
        "alert: {alert}"
    );
    assert!(alert.contains("laws.json"), "alert: {alert}");
    assert_eq!(
        b.eval("!!document.querySelector('[data-node-id=\"us-cisa\"]')")
            .await,
        true,
        "the US bodies are drawn"
    );
    assert_eq!(
        b.eval("!!document.querySelector('[data-node-id=\"jp-nco\"]')")
            .await,
        false
    );
    b.eval("window.__before_retry = true").await;
    b.client
        .find(Locator::Css(
            "[data-panel=problems] button[data-action=retry]",
        ))
        .await
        .expect("a retry button")
        .click()
        .await
        .expect("click");
    b.wait_until("window.__before_retry === undefined", 10)
        .await;
    b.wait_until(
        "new URLSearchParams(location.search).get('select') === 'us-cisa' \
         && new URLSearchParams(location.search).get('data') === 'data/'",
        10,
    )
    .await;
    b.close().await;
}

/// 20,000 bodies and about 40,000 relations: refused with a message naming the limit, and the
/// page still answers (the tab is not frozen).
#[tokio::test(flavor = "multi_thread")]
async fn a_graph_of_twenty_thousand_bodies_is_refused_naming_the_limit() {
    let server = Server::start(
        &dist(),
        generated::linked("big", 20_000).into_iter().collect(),
    );
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?data=big/"))
        .await
        .expect("open");
    b.wait_until("!!document.querySelector('[role=alert]')", 120)
        .await;
    let alert = b.text("[role=alert]").await;
    assert!(
        alert.contains("20000 bodies")
            && alert.contains(&format!(
                "at most {}",
                alliance_map::graph::view::MAX_DRAWN_NODES
            )),
        "{alert}"
    );
    assert_eq!(b.eval("1 + 1").await, 2, "the page answers");
    assert_eq!(
        b.eval("document.querySelectorAll('[data-node-id]').length")
            .await,
        0
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_data_file_is_named_and_the_rest_of_the_map_is_shown() {
    let broken = Reply::new(
        200,
        "application/json",
        b"{ \"nodes\": [ { \"id\": \"jp-x\", }".to_vec(),
    );
    let server = Server::start(
        &dist(),
        HashMap::from([("data/jp.json".to_string(), broken)]),
    );
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?data=data/&open=all"))
        .await
        .expect("open the page");
    b.wait_until(READY, 60).await;
    let alert = b.text("[role=alert]").await;
    assert!(
        alert.contains("jp.json") && alert.contains("line 1") && alert.contains("malformed JSON"),
        "alert: {alert}"
    );
    assert_eq!(
        b.eval("!!document.querySelector('[data-node-id=\"us-cisa\"]')")
            .await,
        true,
        "US bodies still drawn"
    );
    assert_eq!(
        b.eval("!!document.querySelector('[data-node-id=\"jp-nco\"]')")
            .await,
        false,
        "nothing of the broken file"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_manifest_gives_an_error_panel_not_a_blank_page() {
    let gone = Reply::new(404, "text/plain", b"not found".to_vec());
    let server = Server::start(
        &dist(),
        HashMap::from([("data/manifest.json".to_string(), gone)]),
    );
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?data=data/"))
        .await
        .expect("open the page");
    b.wait_until("document.querySelector('[role=alert]')", 60)
        .await;
    let alert = b.text("[role=alert]").await;
    assert!(
        alert.contains("manifest.json") && alert.contains("HTTP 404"),
        "alert: {alert}"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('[data-node-id]').length")
            .await,
        0
    );
    b.close().await;
}

fn json_reply(body: String) -> Reply {
    Reply::new(200, "application/json", body)
}

#[tokio::test(flavor = "multi_thread")]
async fn other_datasets_load_from_this_site_only_and_oversized_ones_are_refused() {
    let mut overrides: HashMap<String, Reply> = variant("variant", 3).into_iter().collect();
    overrides.extend(variant(
        "big",
        alliance_map::graph::view::MAX_DRAWN_NODES + 1,
    ));
    let server = Server::start(&dist(), overrides);
    let b = Browser::start().await;

    // A variant published next to the map.
    b.client
        .goto(&server.url("?data=variant/"))
        .await
        .expect("open");
    b.wait_until(READY, 60).await;
    assert_eq!(
        b.eval("document.querySelectorAll('[data-node-id]').length")
            .await,
        3
    );

    // Another origin is refused with a notice, and the bundled data is shown instead.
    b.client
        .goto(&server.url("?data=https%3A%2F%2Fevil.example%2Fdata%2F"))
        .await
        .expect("open");
    b.wait_until(READY, 60).await;
    let notice = b
        .eval("document.querySelector('[data-panel=notices]').textContent")
        .await;
    assert!(
        notice
            .as_str()
            .unwrap_or("")
            .contains("other origins are refused"),
        "{notice}"
    );
    assert_eq!(
        b.eval("!!document.querySelector('[data-node-id=\"us-president\"]')")
            .await,
        true
    );

    // A dataset that is not there: an error, a retry, and a way back to the bundled data.
    b.client
        .goto(&server.url("?data=gone/&select=us-cisa"))
        .await
        .expect("open");
    b.wait_until("!!document.querySelector('[role=alert]')", 60)
        .await;
    assert_eq!(
        b.eval("!!document.querySelector('button[data-action=retry]')")
            .await,
        true
    );
    b.client
        .find(Locator::Css("a[data-action=bundled]"))
        .await
        .expect("bundled link")
        .click()
        .await
        .expect("click");
    b.wait_until(READY, 60).await;
    b.wait_until("location.search === '?select=us-cisa'", 10)
        .await;

    // Too large to draw responsively: refused, naming the limit.
    b.client
        .goto(&server.url("?data=big/"))
        .await
        .expect("open");
    b.wait_until("!!document.querySelector('[role=alert]')", 60)
        .await;
    let alert = b
        .eval("document.querySelector('[role=alert]').textContent")
        .await;
    assert!(
        alert.as_str().unwrap_or("").contains(&format!(
            "at most {}",
            alliance_map::graph::view::MAX_DRAWN_NODES
        )),
        "{alert}"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('[data-node-id]').length")
            .await,
        0
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_data_is_shown_as_inert_text() {
    let source = |url: &str| serde_json::json!([{ "url": url, "title": "<img src=x onerror=\"window.__pwned='source'\">", "accessed": "2026-01-01" }]);
    let huge = "A".repeat(10 * 1024 * 1024);
    let nodes = serde_json::json!([
        { "id": "us-a", "country": "us", "kind": "agency", "name": { "en": "<script>window.__pwned='name'</script>Agency" },
          "short": { "en": "<img src=x onerror=\"window.__pwned='short'\">" }, "roles": [], "since": "2020",
          "website": "javascript:window.__pwned='website'",
          "summary": { "en": "\u{202E}desrever\u{202C} and <b onmouseover=\"window.__pwned=1\">bold</b>" },
          "sources": [
              source("data:text/html,<script>window.__pwned='data-url'</script>")[0].clone(),
              source("https://example.org/a")[0].clone(),
          ] },
        { "id": "us-b", "country": "us", "kind": "agency", "name": { "en": huge }, "roles": [], "since": "2020",
          "sources": source("https://example.org/ok") }
    ]);
    let edges = serde_json::json!([{ "source": "us-a", "target": "us-b", "kind": "part_of",
        "note": { "en": "<iframe src=javascript:alert(1)>" }, "sources": source("https://example.org/ok") }]);
    let manifest = serde_json::json!({
        "schema_version": 1, "title": { "en": "<script>window.__pwned='title'</script>" }, "as_of": "2026-01-01",
        "countries": [ { "id": "us", "name": { "en": "<svg onload=\"window.__pwned='country'\">" }, "color": "#2f5fb3" } ],
        "files": ["a.json"]
    });
    let overrides = HashMap::from([
        (
            "hostile/manifest.json".to_string(),
            json_reply(manifest.to_string()),
        ),
        (
            "hostile/a.json".to_string(),
            json_reply(serde_json::json!({ "nodes": nodes, "edges": edges }).to_string()),
        ),
    ]);
    let server = Server::start(&dist(), overrides);
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?data=hostile/&select=us-a"))
        .await
        .expect("open");
    b.wait_until(READY, 90).await;
    b.wait_until("!!document.querySelector('[data-panel=details]')", 20)
        .await;
    // Hover and open everything that could carry an event handler.
    b.client.execute("document.querySelectorAll('*').forEach(e => { e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); })", vec![]).await.expect("hover");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        b.eval("typeof window.__pwned").await,
        "undefined",
        "a script from the data ran"
    );
    for tag in [
        "script:not([type=module])",
        "img",
        "iframe",
        "b",
        "svg svg[onload]",
    ] {
        let n = b
            .eval(&format!("document.querySelectorAll('body {tag}').length"))
            .await;
        assert_eq!(n, 0, "an element <{tag}> was made from data");
    }
    // The text is there, as text.
    let text = b
        .eval("document.querySelector('[data-panel=details]').textContent")
        .await;
    assert!(text
        .as_str()
        .unwrap_or("")
        .contains("<script>window.__pwned='name'</script>Agency"));
    // Only http(s) links; the javascript: website and the data: source are plain text.
    let links = b
        .eval("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
        .await;
    for href in links.as_array().cloned().unwrap_or_default() {
        let href = href.as_str().unwrap_or("");
        assert!(
            // (and the skip link's own fragment, `#map`, which is not from the data)
            href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with('?')
                || href == "#map",
            "unsafe link {href}"
        );
    }
    // Links that open elsewhere give the other page no hold on this one.
    let rels = b
        .eval("[...document.querySelectorAll('a[target=_blank]')].map(a => a.rel)")
        .await;
    let rels = rels.as_array().cloned().unwrap_or_default();
    assert!(!rels.is_empty(), "the source links are drawn");
    assert!(
        rels.iter().all(|r| r == "noopener noreferrer"),
        "links without noopener: {rels:?}"
    );
    // No cookies and no storage.
    assert_eq!(b.eval("document.cookie").await, "");
    assert_eq!(
        b.eval("localStorage.length + sessionStorage.length").await,
        0
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_error_and_an_html_page_instead_of_json_are_named() {
    let error = Reply::new(500, "text/plain", b"internal error".to_vec());
    let html = Reply::new(
        200,
        "text/html",
        b"<!DOCTYPE html><html><body>Not found</body></html>".to_vec(),
    );
    let server = Server::start(
        &dist(),
        HashMap::from([
            ("data/laws.json".to_string(), error),
            ("data/alliance.json".to_string(), html),
        ]),
    );
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?data=data/&open=all"))
        .await
        .expect("open the page");
    b.wait_until(READY, 60).await;
    let alert = b.text("[role=alert]").await;
    assert!(
        alert.contains("laws.json") && alert.contains("HTTP 500"),
        "alert: {alert}"
    );
    assert!(
        alert.contains("alliance.json") && alert.contains("malformed JSON"),
        "alert: {alert}"
    );
    // The organizations of both countries are still on the map.
    assert_eq!(b.eval("!!document.querySelector('[data-node-id=\"us-cisa\"]') && !!document.querySelector('[data-node-id=\"jp-nco\"]')").await, true);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_embed_reports_its_height_to_the_host_page_and_links_to_the_full_map() {
    let map = Server::start(&dist(), HashMap::new());
    let src = map.url("?embed=1&country=jp&select=jp-nco");
    let host_page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Host</title></head><body>\
         <script>window.__heights = []; addEventListener('message', e => {{ if (e.data && e.data.type === 'alliance-map:height') window.__heights.push(e.data.height); }});</script>\
         <iframe id=\"map\" title=\"Alliance Map\" src=\"{src}\" width=\"600\" height=\"400\"></iframe></body></html>"
    );
    let host = Server::start(
        &dist(),
        HashMap::from([(
            "host.html".to_string(),
            Reply::new(200, "text/html; charset=utf-8", host_page.into_bytes()),
        )]),
    );
    assert_ne!(host.port, map.port, "the host page is on another origin");
    let b = Browser::start().await;
    b.client
        .goto(&host.url("host.html"))
        .await
        .expect("open the host page");
    b.wait_until("window.__heights.length > 0", 60).await;
    let height = b.eval("window.__heights[0]").await.as_f64().unwrap_or(0.0);
    assert!(height >= 300.0, "reported height {height}");

    // In the embed itself: no controls, and a link to the full map with the same view.
    b.client.goto(&src).await.expect("open the embed");
    b.wait_until(READY, 60).await;
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector('.controls')).display")
            .await,
        "none"
    );
    let href = b
        .eval("document.querySelector('a[data-action=open-full]').getAttribute('href')")
        .await;
    assert_eq!(href, "?select=jp-nco&country=jp");
    b.close().await;
}
