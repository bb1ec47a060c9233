//! End-to-end tests of the first load (#17) in headless Chromium against the release build: the
//! first view is drawn from the layout the build baked, which is the browser's own picture to
//! the bit; a dataset opened with `data=` still lays itself out; dragging after a baked start
//! settles; the long texts and flows arrive after the first paint; the first load reads only
//! the compiled file and the one layout its window needs, whatever the window's size.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;

use alliance_map::compiled::{FirstLoad, FIRST_LOAD, WHOLE};
use alliance_map::layout::baked::{digest, Baked};
use browser::Browser;
use common::dist;
use server::Server;

/// Where the map's layout came from, and the fingerprint of its exact positions.
async fn layout(b: &Browser) -> (String, String) {
    let v = b
        .eval("(() => { const s = document.querySelector('svg.map-canvas').dataset; return [s.layoutOrigin, s.layoutDigest || '']; })()")
        .await;
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

/// The build's first-load index.
fn first_load() -> FirstLoad {
    let text = std::fs::read_to_string(dist().join("data").join(FIRST_LOAD))
        .expect("the build has its first-load file");
    serde_json::from_str(&text).expect("first-load.json reads")
}

/// The fingerprint of every layout the build baked, read from its files.
fn baked_digests() -> Vec<String> {
    first_load()
        .layouts
        .iter()
        .map(|l| {
            let text = std::fs::read_to_string(dist().join("data").join(&l.file))
                .unwrap_or_else(|e| panic!("{} is listed: {e}", l.file));
            let b: Baked = serde_json::from_str(&text).expect("a layout file reads");
            digest(b.positions.iter().copied())
        })
        .collect()
}

/// The bundled build served, a browser with a 1440×900 viewport, the first view open and at
/// rest.
async fn laptop() -> (Server, Browser) {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.emulate(1440, 900, false).await;
    b.goto_settled(&server.url("")).await;
    (server, b)
}

/// The same window, the same view: once from the build's layout, once laid out by the browser
/// from the maintainers' files (`data=`). The pictures must be identical to the bit.
async fn same_picture(width: u32, height: u32, phone: bool, query: &str) {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.emulate(width, height, phone).await;

    b.goto_settled(&server.url(&format!("?{query}"))).await;
    let (origin, baked) = layout(&b).await;
    assert_eq!(
        origin, "baked",
        "{width}x{height} {query}: drawn from the build's layout"
    );
    assert!(
        baked_digests().contains(&baked),
        "{width}x{height} {query}: the picture is one the build made"
    );

    let sep = if query.is_empty() { "" } else { "&" };
    b.goto_settled(&server.url(&format!("?{query}{sep}data=data/")))
        .await;
    let (origin, computed) = layout(&b).await;
    assert_eq!(
        origin, "computed",
        "a dataset opened with data= lays itself out"
    );
    assert_eq!(
        computed, baked,
        "{width}x{height} {query}: the browser's own layout equals the baked one"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_baked_first_view_is_the_browsers_own_picture_on_a_laptop() {
    same_picture(1440, 900, false, "").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_baked_first_view_is_the_browsers_own_picture_in_japanese_on_a_phone() {
    same_picture(390, 844, true, "lang=ja").await;
}

/// A window of no common size (and the bench's, 1280×800 less the browser's own bars) is
/// baked too.
#[tokio::test(flavor = "multi_thread")]
async fn the_baked_first_view_is_the_browsers_own_picture_in_windows_of_any_size() {
    same_picture(1283, 671, false, "").await;
    same_picture(1280, 657, false, "").await;
}

/// When the layout file cannot be read, the map lays itself out: same picture, later.
#[tokio::test(flavor = "multi_thread")]
async fn without_its_layout_file_the_map_lays_itself_out() {
    let missing: HashMap<String, server::Reply> = first_load()
        .layouts
        .iter()
        .map(|l| {
            (
                format!("data/{}", l.file),
                server::Reply::new(404, "text/plain", b"not found".to_vec()),
            )
        })
        .collect();
    let server = Server::start(&dist(), missing);
    let b = Browser::start().await;
    b.emulate(1440, 900, false).await;
    b.goto_settled(&server.url("")).await;
    let (origin, digest) = layout(&b).await;
    assert_eq!(origin, "computed");
    assert!(
        baked_digests().contains(&digest),
        "laid out here, the picture is the one the build made"
    );
    assert!(
        b.text("[role=alert]").await.is_empty(),
        "no problem reported"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dragging_after_a_baked_start_settles_somewhere_else() {
    let (_server, b) = laptop().await;
    let (origin, before) = layout(&b).await;
    assert_eq!(origin, "baked");
    let body = "[data-node-id='jp-cabinet'] .hit";
    b.drag(body, &[(60.0, 40.0), (40.0, 20.0)]).await;
    b.settle().await;
    let (_, after) = layout(&b).await;
    assert!(!after.is_empty(), "the map came to rest again");
    assert_ne!(after, before, "the drag moved the picture");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_load_reads_one_small_file_and_the_long_texts_follow() {
    let (_server, b) = laptop().await;
    // Before the map was ready, the data came from the compiled file and one layout only.
    let before_ready: Vec<String> = serde_json::from_value(
        b.eval("(() => { const r = performance.getEntriesByName('alliance-map:ready')[0].startTime; return performance.getEntriesByType('resource').filter(e => e.startTime < r).map(e => new URL(e.name).pathname).filter(p => p.includes('/data/')); })()")
            .await,
    )
    .unwrap_or_default();
    let listed: Vec<String> = first_load()
        .layouts
        .iter()
        .map(|l| format!("/data/{}", l.file))
        .collect();
    assert_eq!(before_ready.len(), 2, "{before_ready:?}");
    assert_eq!(before_ready[0], format!("/data/{FIRST_LOAD}"));
    assert!(listed.contains(&before_ready[1]), "{before_ready:?}");

    // The whole dataset follows: the details show a summary and sources, the flows are listed.
    b.wait_until(
        "performance.getEntriesByName('alliance-map:complete').length > 0",
        30,
    )
    .await;
    b.click("[data-node-id='jp-cabinet'] .label").await;
    b.wait_until("document.querySelector('.summary') && document.querySelectorAll('ul.sources li').length > 0", 10)
        .await;
    let flows = b
        .eval("document.querySelectorAll('[data-panel=flows] [data-flow-id]').length")
        .await;
    assert!(
        flows.as_u64().unwrap_or(0) >= 10,
        "the flows are listed: {flows}"
    );
    b.close().await;
}

/// A download asked for before the long texts have arrived waits for them: the file has every
/// body's sources.
#[tokio::test(flavor = "multi_thread")]
async fn a_download_made_before_the_long_texts_arrive_still_has_them() {
    let whole = std::fs::read(dist().join("data").join(WHOLE)).expect("the build has whole.json");
    let server = Server::start(
        &dist(),
        HashMap::from([(
            format!("data/{WHOLE}"),
            server::Reply::new(200, "application/json", whole).late(4000),
        )]),
    );
    let b = Browser::start().await;
    b.client.goto(&server.url("")).await.expect("open");
    b.wait_until(
        "performance.getEntriesByName('alliance-map:ready').length > 0",
        30,
    )
    .await;
    b.click("[data-action=share]").await;
    b.click("[data-export=json]").await;
    let complete = b
        .eval("document.documentElement.dataset.complete === 'true'")
        .await;
    assert_eq!(
        complete,
        serde_json::json!(false),
        "clicked before whole.json arrived"
    );
    let d = common::dist_dataset();
    let file = b
        .downloaded(&format!("alliance-map-{}.json", d.manifest.as_of))
        .await;
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("json")).expect("parses");
    let nodes = data["nodes"].as_array().expect("nodes");
    assert!(nodes.len() > 20, "{} bodies", nodes.len());
    for n in nodes {
        let sources = n["sources"].as_array().map(Vec::len).unwrap_or(0);
        assert!(sources > 0, "{} has no sources in the download", n["id"]);
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flow_in_the_address_opens_with_the_whole_dataset_at_once() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    let d = common::dist_dataset();
    let flow = &d.flows[0];
    b.goto_settled(&server.url(&format!("?flow={}", flow.id)))
        .await;
    let title = b.text("[data-panel=flow] #flow-title").await;
    assert!(!title.is_empty(), "the flow's narration is open");
    let notices = b.text("[data-panel=notices]").await;
    assert!(
        !notices.contains(&flow.id),
        "no notice about an unknown flow: {notices}"
    );
    b.close().await;
}

/// A build without its compiled files (`trunk serve` while developing), or with one that cannot
/// be read, still shows the bundled data: read file by file and laid out in the browser.
#[tokio::test(flavor = "multi_thread")]
async fn without_a_readable_first_load_the_files_are_read_as_before() {
    for reply in [
        server::Reply::new(404, "text/plain", b"not found".to_vec()),
        server::Reply::new(200, "application/json", b"{\"dataset\": 3}".to_vec()),
    ] {
        let server = Server::start(
            &dist(),
            HashMap::from([(format!("data/{FIRST_LOAD}"), reply)]),
        );
        let b = Browser::start().await;
        b.goto_settled(&server.url("")).await;
        let (origin, _) = layout(&b).await;
        assert_eq!(origin, "computed");
        let drawn = b
            .eval("document.querySelectorAll('[data-node-id]').length")
            .await;
        assert!(drawn.as_u64().unwrap_or(0) > 20, "bodies drawn: {drawn}");
        assert!(
            b.text("[role=alert]").await.is_empty(),
            "no problem reported"
        );
        b.close().await;
    }
}

/// What a reader waits for comes first: the map's first picture is drawn
/// (`alliance-map:drawn`) before the side panel's sections are built, and the path finder's
/// two lists of every body, which no first view shows, are filled only after ready.
#[tokio::test(flavor = "multi_thread")]
async fn the_map_is_drawn_before_the_panel_and_the_long_lists_after_ready() {
    // Installed before the app starts: what the page holds at the two moments.
    let probe = "window.__at={};\
        const mark=performance.mark.bind(performance);\
        const seen=()=>({bodies:document.querySelectorAll('svg.map-canvas .node').length,\
          filters:!!document.querySelector('.controls section.filters'),\
          options:document.querySelectorAll('select[data-path-end] option').length});\
        performance.mark=(name,...rest)=>{if(name==='alliance-map:drawn')__at.drawn=seen();return mark(name,...rest)};\
        addEventListener('alliance-map:ready',()=>{__at.ready=seen()});";
    let server = Server::start(
        &dist(),
        HashMap::from([(
            "index.html".to_string(),
            server::Reply::page_with_script(&dist(), probe),
        )]),
    );
    let b = Browser::start().await;
    b.emulate(1440, 900, false).await;
    b.goto_settled(&server.url("")).await;
    b.wait_until("window.__at.ready !== undefined", 30).await;
    let at = b.eval("window.__at").await;
    let drawn = &at["drawn"];
    assert!(
        drawn["bodies"].as_u64().unwrap_or(0) >= 20,
        "the first picture is drawn at `alliance-map:drawn`: {at}"
    );
    assert_eq!(
        drawn["filters"], false,
        "the panel's sections come after the map: {at}"
    );
    let ready = &at["ready"];
    assert_eq!(ready["filters"], true, "ready waits for the panel: {at}");
    assert_eq!(
        ready["options"], 2,
        "at ready the path finder's lists hold only their prompts: {at}"
    );
    // A moment later they list every body.
    let bodies = common::dist_dataset().nodes.len();
    b.wait_until(
        &format!(
            "document.querySelectorAll('select[data-path-end] option').length === {}",
            2 * (bodies + 1)
        ),
        10,
    )
    .await;
    b.close().await;
}

/// A page that opens on the table has no map to wait for: the long texts still arrive, and the
/// details of the body the address selects show its summary and sources.
#[tokio::test(flavor = "multi_thread")]
async fn a_page_opened_on_the_table_receives_the_long_texts_too() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.emulate(1440, 900, false).await;
    b.client
        .goto(&server.url("?view=table&select=jp-cabinet"))
        .await
        .expect("open");
    b.wait_until("document.documentElement.dataset.complete === 'true'", 30)
        .await;
    b.wait_until(
        "!!document.querySelector('.summary') && document.querySelectorAll('ul.sources li').length > 0",
        10,
    )
    .await;
    b.close().await;
}
