//! End-to-end: the ways the map leaves its own site — the single file opened from disk, the
//! exports, and the embed dialog. Run by `cargo xtask test` against the release build.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;

use browser::Browser;
use common::dist;
use fantoccini::Locator;
use server::{Reply, Server};

/// The map drawn and the long texts here (see `data-complete`).
const READY: &str = "document.documentElement.dataset.mapReady === 'true' \
    && document.documentElement.dataset.complete === 'true'";

/// The page shows `?select=jp-nco` as the core says: the first view, opened down to the NCO.
async fn assert_first_view_of_nco(b: &Browser) {
    let nodes = b
        .eval("[...document.querySelectorAll('[data-node-id]')].map(g => g.dataset.nodeId).sort()")
        .await;
    assert_eq!(
        nodes,
        serde_json::json!(common::drawn_by_core("select=jp-nco", b.budget().await)),
        "every body of the first view"
    );
}

/// `dist/alliance-map.html` opened as a file: no server, no request of any kind, every body
/// drawn, and the view in its address applied.
#[tokio::test(flavor = "multi_thread")]
async fn the_single_file_works_from_disk_with_no_request() {
    let file = dist()
        .join("alliance-map.html")
        .canonicalize()
        .expect("cargo xtask dist writes dist/alliance-map.html");
    let size = std::fs::metadata(&file).expect("size").len();
    let dataset = common::dist_dataset();
    let b = Browser::start().await;
    let url = format!("file://{}?select=jp-nco", file.display());
    b.client.goto(&url).await.expect("open the file");
    b.wait_until(READY, 60).await;

    assert_first_view_of_nco(&b).await;
    let selected = b
        .eval("document.querySelector('[data-node-id=\"jp-nco\"]').dataset.selected")
        .await;
    assert_eq!(selected, "true", "select= from the address is applied");
    let name = b.text("[data-panel='details'] h2.name").await;
    let nco = dataset
        .nodes
        .iter()
        .find(|n| n.id == "jp-nco")
        .expect("jp-nco");
    assert_eq!(name, nco.name.en);
    // Nothing was fetched: not the wasm, not the data, not a font.
    let requests = b
        .eval("performance.getEntriesByType('resource').map(e => e.name)")
        .await;
    assert_eq!(requests, serde_json::json!([]), "requests made: {requests}");
    let console = b.console().await;
    assert!(
        browser::severe(&console).is_empty(),
        "console errors: {console:?}"
    );
    b.close().await;
    println!("single file: {} KB", size.div_ceil(1024));
}

/// Every export of a narrowed view (Japan on 1 July 2025) holds what is shown, and the SVG
/// opens on its own with the same labels, its styles and a caption.
#[tokio::test(flavor = "multi_thread")]
async fn exports_download_the_view_as_shown() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.client
        .goto(&server.url("?country=jp&date=2025-07-01&open=all&select=jp-nco"))
        .await
        .expect("open");
    b.wait_until(READY, 60).await;
    let labels = b
        .eval("[...document.querySelectorAll('[data-node-id] .label')].map(e => e.textContent).sort()")
        .await;
    let ids = b
        .eval("[...document.querySelectorAll('[data-node-id]')].map(e => e.dataset.nodeId).sort()")
        .await;
    let shown = ids.as_array().expect("ids").len();
    assert!(shown > 20, "Japan in mid-2025 shows {shown} bodies");
    let colour = b
        .eval("getComputedStyle(document.querySelector('[data-node-id=\"jp-nco\"] .symbol')).fill")
        .await;

    b.click("[data-action=share]").await;
    b.click("[data-export=svg]").await;
    let svg = b.downloaded("alliance-map-2025-07-01.svg").await;
    b.click("[data-export=png]").await;
    let png = b.downloaded("alliance-map-2025-07-01.png").await;
    b.click("[data-export=bodies]").await;
    let csv = b.downloaded("alliance-map-2025-07-01-bodies.csv").await;
    b.click("[data-export=json]").await;
    let json = b.downloaded("alliance-map-2025-07-01.json").await;
    let console = b.console().await;
    let errors = browser::severe(&console);
    assert!(
        errors.is_empty(),
        "{} console errors, first: {:?}",
        errors.len(),
        errors.first()
    );

    // CSV: one row per body shown, with its sources.
    let records = common::csv_records(&std::fs::read_to_string(&csv).expect("csv"));
    let mut csv_ids: Vec<String> = records[1..].iter().map(|r| r[0].clone()).collect();
    csv_ids.sort();
    assert_eq!(serde_json::json!(csv_ids), ids, "CSV rows = bodies shown");

    // JSON: the same bodies, each with sources, and the view it came from.
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("JSON parses");
    assert_eq!(data["nodes"].as_array().map(Vec::len), Some(shown));
    assert!(data["view"].as_str().unwrap_or("").contains("country=jp"));

    // PNG: a real PNG at twice the SVG's size.
    let png = std::fs::read(&png).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let png_width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);

    // SVG: opened on its own (no page, no stylesheet), it parses and draws the same labels in
    // the same colours, with the caption.
    let file_url = format!("file://{}", svg.canonicalize().expect("svg path").display());
    b.client.goto(&file_url).await.expect("open the SVG");
    assert_eq!(
        b.eval("document.documentElement.localName + ':' + document.getElementsByTagName('parsererror').length").await,
        "svg:0",
        "the SVG is well-formed"
    );
    assert_eq!(
        b.eval("[...document.querySelectorAll('[data-node-id] .label')].map(e => e.textContent).sort()").await,
        labels,
        "every visible label, and only those"
    );
    assert_eq!(
        b.eval(
            "getComputedStyle(document.querySelector('[data-node-id=\"jp-nco\"] .symbol')).fill"
        )
        .await,
        colour,
        "styles travel with the file"
    );
    let caption = b
        .eval("[...document.querySelectorAll('text.caption')].map(e => e.textContent).join(' | ')")
        .await;
    let caption = caption.as_str().unwrap_or("");
    assert!(
        caption.contains("1 July 2025") && caption.contains("country=jp"),
        "{caption}"
    );
    let width = b
        .eval("document.documentElement.width.baseVal.value")
        .await
        .as_f64()
        .unwrap_or(0.0);
    assert_eq!(png_width, (width * 2.0).ceil() as u32, "PNG at 2x");
    let shot = b.client.screenshot().await.expect("screenshot");
    let _ = std::fs::create_dir_all("target/e2e");
    let _ = std::fs::write("target/e2e/export.png", shot);
    b.close().await;
}

/// The embed code the dialog writes works as pasted: on a host page of another origin the
/// frame shows the view it was made from and takes the height the map asks for.
#[tokio::test(flavor = "multi_thread")]
async fn the_embed_dialog_writes_code_that_works_when_pasted() {
    let map = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.client
        .goto(&map.url("?country=jp&select=jp-nco"))
        .await
        .expect("open");
    b.wait_until(READY, 60).await;
    b.click("[data-action=share]").await;
    let code = b.eval("document.getElementById('embed-code').value").await;
    let code = code.as_str().expect("embed code").to_string();
    assert!(code.contains("embed=1"), "{code}");
    assert!(
        code.contains("select=jp-nco") && code.contains("country=jp"),
        "{code}"
    );
    assert!(
        code.contains(" title=\"") && code.contains("<a href=\""),
        "{code}"
    );

    let host_page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Article</title></head>\
         <body><h1>An article</h1>{code}</body></html>"
    );
    let host = Server::start(
        &dist(),
        HashMap::from([(
            "article.html".to_string(),
            Reply::new(200, "text/html; charset=utf-8", host_page),
        )]),
    );
    assert_ne!(host.port, map.port);
    b.client
        .goto(&host.url("article.html"))
        .await
        .expect("open the article");
    b.wait_until(
        "/^[0-9.]+px$/.test(document.getElementById('alliance-map').style.height)",
        60,
    )
    .await;
    let frame = b
        .client
        .find(Locator::Css("iframe#alliance-map"))
        .await
        .expect("the frame");
    frame.enter_frame().await.expect("into the frame");
    b.wait_until(READY, 60).await;
    assert_eq!(
        b.eval("document.querySelector('[data-node-id=\"jp-nco\"]').dataset.selected")
            .await,
        "true",
        "the preset view is applied in the frame"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('[data-node-id^=\"us-\"]').length")
            .await,
        0,
        "only Japan, as in the view the code was made from"
    );
    b.close().await;
}

/// A visited site keeps working offline: after the first visit the service worker holds the
/// app's own files (and nothing from elsewhere), and with the server gone a view's address
/// still draws every body.
#[tokio::test(flavor = "multi_thread")]
async fn a_visited_site_keeps_working_when_the_server_is_gone() {
    let dataset = common::dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.client.goto(&server.url("/")).await.expect("open the map");
    b.wait_until(READY, 60).await;
    // Installed (every file kept) and in charge of the page.
    b.wait_until("navigator.serviceWorker.controller !== null", 30)
        .await;
    b.eval(
        "void caches.keys()
            .then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys()))))
            .then((lists) => { window.kept = lists.flat().map((r) => r.url); })",
    )
    .await;
    b.wait_until("Array.isArray(window.kept)", 10).await;
    let kept = b.eval("window.kept").await;
    let kept: Vec<&str> = kept
        .as_array()
        .map(|a| a.iter().filter_map(|u| u.as_str()).collect())
        .unwrap_or_default();
    let origin = server.url("/");
    assert!(
        kept.iter().all(|u| u.starts_with(&origin)),
        "only the site's own files are kept: {kept:?}"
    );
    for wanted in [
        "data/manifest.json",
        "data/jp.json",
        "_bg.wasm",
        "manifest.webmanifest",
    ] {
        assert!(
            kept.iter().any(|u| u.contains(wanted)),
            "{wanted} is kept: {kept:?}"
        );
    }

    server.go_down();
    b.client
        .goto(&server.url("/?select=jp-nco"))
        .await
        .expect("open the map offline");
    b.wait_until(READY, 60).await;
    assert_first_view_of_nco(&b).await;
    let nco = dataset
        .nodes
        .iter()
        .find(|n| n.id == "jp-nco")
        .expect("jp-nco");
    assert_eq!(b.text("[data-panel='details'] h2.name").await, nco.name.en);
    b.close().await;
}
