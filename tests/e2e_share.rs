//! End-to-end: the ways the map leaves its own site — the single file opened from disk, the
//! exports, and the embed dialog. Run by `cargo xtask test` against the release build.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use browser::Browser;
use common::dist;

const READY: &str = "document.documentElement.dataset.mapReady === 'true'";

fn severe(console: &[(String, String)]) -> Vec<&(String, String)> {
    console
        .iter()
        .filter(|(level, _)| level == "SEVERE")
        .collect()
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

    let nodes = b
        .eval("document.querySelectorAll('[data-node-id]').length")
        .await;
    assert_eq!(nodes.as_u64(), Some(dataset.nodes.len() as u64));
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
    assert!(severe(&console).is_empty(), "console errors: {console:?}");
    b.close().await;
    println!("single file: {} KB", size.div_ceil(1024));
}
