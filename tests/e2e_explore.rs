//! End-to-end tests of exploring the map, each driven through a URL, in headless Chromium
//! against the release build (run by `cargo xtask test`).

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;

use browser::Browser;
use fantoccini::Locator;
use serde_json::Value;
use server::Server;

/// The map drawn and the long texts here (see `data-complete`).
const READY: &str = "document.documentElement.dataset.mapReady === 'true' \
    && document.documentElement.dataset.complete === 'true'";

use common::dist;

use common::dist_dataset as dataset;

/// The ids the view `query` should show, computed by the same core the app uses, for the
/// budget the page chose for its first view.
async fn expected(b: &Browser, query: &str) -> Vec<String> {
    common::drawn_by_core(query, b.budget().await)
}

async fn open(b: &Browser, server: &Server, query: &str) {
    b.client
        .goto(&server.url(&format!("?{query}")))
        .await
        .expect("open the page");
}

async fn drawn(b: &Browser) -> Vec<String> {
    let v = b
        .eval("[...document.querySelectorAll('[data-node-id]')].map(g => g.dataset.nodeId)")
        .await;
    let mut ids: Vec<String> = serde_json::from_value(v).unwrap_or_default();
    ids.sort();
    ids
}

async fn ids_of(b: &Browser, selector: &str, attr: &str) -> Vec<String> {
    let v = b
        .eval(&format!(
            "[...document.querySelectorAll({})].map(e => e.getAttribute('{attr}'))",
            serde_json::to_string(selector).unwrap()
        ))
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn dates_filters_focus_and_search_work_from_the_url() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;

    // Time: a date in 2015 shows NISC and not its 2025 successor; a date in 2026 the reverse.
    open(&b, &server, "date=2015-06-01&open=all").await;
    b.wait_until(READY, 60).await;
    let ids = drawn(&b).await;
    assert!(ids.contains(&"jp-nisc".into()) && !ids.contains(&"jp-nco".into()));
    assert_eq!(ids, expected(&b, "date=2015-06-01&open=all").await);
    assert_eq!(
        b.eval("document.querySelector('output[data-date]').dataset.date")
            .await,
        "2015-06-01"
    );

    open(&b, &server, "date=2026-01-15&open=all").await;
    b.wait_until(READY, 60).await;
    let ids = drawn(&b).await;
    assert!(!ids.contains(&"jp-nisc".into()) && ids.contains(&"jp-nco".into()));
    // Edges never dangle: every drawn edge joins two drawn nodes.
    let dangling = b.eval("[...document.querySelectorAll('[data-edge-source]')].filter(e => !document.querySelector(`[data-node-id=\"${e.dataset.edgeSource}\"]`) || !document.querySelector(`[data-node-id=\"${e.dataset.edgeTarget}\"]`)).length").await;
    assert_eq!(dangling, 0);

    // Filters.
    open(&b, &server, "country=jp&kind=military").await;
    b.wait_until(READY, 60).await;
    let ids = drawn(&b).await;
    assert!(ids.contains(&"jp-jsdf-cdc".into()));
    assert_eq!(ids, expected(&b, "country=jp&kind=military").await);
    assert_eq!(
        b.eval("document.querySelector('input[data-filter=country][value=jp]').checked")
            .await,
        true
    );

    // Clicking a filter changes the view and the address.
    b.client
        .find(Locator::Css("input[data-filter=kind][value=intelligence]"))
        .await
        .expect("kind filter")
        .click()
        .await
        .expect("click");
    b.wait_until("location.search.includes('kind=military,intelligence')", 10)
        .await;
    assert_eq!(
        drawn(&b).await,
        expected(&b, "country=jp&kind=military,intelligence").await
    );

    // Focus on CISA's neighbourhood.
    open(&b, &server, "focus=us-cisa&depth=1").await;
    b.wait_until(READY, 60).await;
    assert_eq!(drawn(&b).await, expected(&b, "focus=us-cisa&depth=1").await);
    assert!(b
        .eval("document.querySelector('[data-panel=focus]').textContent")
        .await
        .as_str()
        .unwrap_or("")
        .contains("Cybersecurity and Infrastructure Security Agency"));

    // Search: results as you type, Enter selects the best match and opens its details.
    open(&b, &server, "q=CISA&open=all").await;
    b.wait_until(READY, 60).await;
    let results = ids_of(&b, "[data-result-id]", "data-result-id").await;
    assert_eq!(
        results.first().map(String::as_str),
        Some("us-cisa"),
        "{results:?}"
    );
    // Zoomed in far, CISA is out of sight; choosing it brings it into view.
    for _ in 0..8 {
        b.client
            .find(Locator::Css("button[data-zoom=in]"))
            .await
            .expect("zoom in")
            .click()
            .await
            .expect("click");
    }
    let in_view = "(() => { const r = document.querySelector('[data-node-id=\"us-cisa\"] .symbol').getBoundingClientRect(); const m = document.querySelector('svg.map-canvas').getBoundingClientRect(); return r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom; })()";
    assert_eq!(
        b.eval(in_view).await,
        false,
        "CISA should be out of sight after zooming in"
    );
    let input = b
        .client
        .find(Locator::Css("#search-input"))
        .await
        .expect("search box");
    input.send_keys("\u{E007}").await.expect("press Enter");
    b.wait_until(
        "document.querySelector('[data-node-id=\"us-cisa\"]').dataset.selected === 'true'",
        10,
    )
    .await;
    b.wait_until(in_view, 10).await;
    b.wait_until("location.search.includes('select=us-cisa')", 10)
        .await;
    b.wait_until("!!document.querySelector('[data-panel=details]')", 10)
        .await;

    // Typing in Japanese finds Japanese names.
    input.clear().await.expect("clear");
    input.send_keys("国家サイバー統括室").await.expect("type");
    b.wait_until("document.querySelector('[data-result-id]') && document.querySelector('[data-result-id]').dataset.resultId === 'jp-nco'", 10).await;

    // Malformed parameters are ignored with a visible notice; the map still works.
    open(&b, &server, "date=yesterday&depth=9&colour=red").await;
    b.wait_until(READY, 60).await;
    let notice = b.text("[data-panel=notices]").await;
    assert!(
        notice.contains("date") && notice.contains("depth") && notice.contains("colour"),
        "{notice}"
    );
    assert_eq!(drawn(&b).await, expected(&b, "").await);

    let console = b.console().await;
    assert!(
        console.iter().all(|(level, _)| level != "SEVERE"),
        "console errors: {console:#?}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn paths_table_and_comparison_work_from_the_url() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;

    // A path from CISA to Japan's NCO: both ends and every step are marked, and told in words.
    open(&b, &server, "path=us-cisa~jp-nco").await;
    b.wait_until(READY, 60).await;
    let on_path = ids_of(&b, "[data-node-id][data-on-path=true]", "data-node-id").await;
    assert!(
        on_path.contains(&"us-cisa".into()) && on_path.contains(&"jp-nco".into()),
        "{on_path:?}"
    );
    let edges: Vec<String> =
        ids_of(&b, "[data-edge-kind][data-on-path=true]", "data-edge-kind").await;
    assert!(!edges.is_empty());
    let words = b
        .eval("document.querySelector('ol.paths').textContent")
        .await;
    assert!(
        words
            .as_str()
            .unwrap_or("")
            .contains("National Cybersecurity Office"),
        "{words}"
    );

    // The path finder's lists show the two ends the address chose.
    assert_eq!(
        b.eval("[...document.querySelectorAll('select[data-path-end]')].map(s => s.value)")
            .await,
        serde_json::json!(["us-cisa", "jp-nco"])
    );
    // A reader picks another start from the list: the path and the address follow.
    b.click("select[data-path-end=from]").await;
    b.click("select[data-path-end=from] option[value=us-nsa]")
        .await;
    b.wait_until("location.search.includes('path=us-nsa')", 10)
        .await;
    b.wait_until(
        "!!document.querySelector('[data-node-id=\"us-nsa\"][data-on-path=true]')",
        10,
    )
    .await;

    // In Japanese the lists name every body in Japanese, in the order of those names, and
    // keep the ends chosen.
    let nsa = dataset()
        .nodes
        .into_iter()
        .find(|n| n.id == "us-nsa")
        .and_then(|n| n.name.ja)
        .expect("us-nsa has a Japanese name");
    b.click(".lang-switch").await;
    b.wait_until("document.documentElement.lang === 'ja'", 10)
        .await;
    b.wait_until(
        &format!(
            "document.querySelector('select[data-path-end=from]').selectedOptions[0]?.textContent === {}",
            serde_json::json!(nsa)
        ),
        10,
    )
    .await;
    let sorted = b
        .eval("(() => { const t = [...document.querySelectorAll('select[data-path-end=to] option')].slice(1).map(o => o.textContent); return t.length > 200 && t.every((x, i) => i === 0 || t[i - 1] <= x); })()")
        .await;
    assert_eq!(sorted, true, "the list is in the order of its names");

    // Over part_of alone there is none, and the page says so.
    open(&b, &server, "path=us-cisa~jp-nco&rel=part_of").await;
    b.wait_until(READY, 60).await;
    b.wait_until("!!document.querySelector('.path-none')", 10)
        .await;
    assert_eq!(
        ids_of(&b, "[data-on-path=true]", "data-node-id")
            .await
            .len(),
        0
    );

    // The table view lists every visible body, sortable.
    open(&b, &server, "view=table&country=us").await;
    b.wait_until("!!document.querySelector('[data-view=table] tbody tr')", 60)
        .await;
    let rows = ids_of(&b, "[data-view=table] tbody tr", "data-ref-id").await;
    let mut sorted_rows = rows.clone();
    sorted_rows.sort();
    assert_eq!(sorted_rows, common::in_scope("country=us"));
    b.client
        .find(Locator::Css("[data-view=table] th button.sort"))
        .await
        .expect("sort header")
        .click()
        .await
        .expect("sort");
    b.wait_until("document.querySelector('[data-view=table] th[aria-sort]').getAttribute('aria-sort') === 'descending'", 10).await;
    let reversed = ids_of(&b, "[data-view=table] tbody tr", "data-ref-id").await;
    assert_eq!(reversed.first(), rows.last());
    // A row leads back into the graph.
    b.client
        .find(Locator::Css(
            "[data-view=table] tbody tr[data-ref-id=us-cisa] button",
        ))
        .await
        .expect("CISA row")
        .click()
        .await
        .expect("open");
    b.wait_until(
        "location.search.includes('select=us-cisa') && !location.search.includes('view=table')",
        10,
    )
    .await;

    // The comparison view: functions by country, each cell naming its bodies, and structure.
    open(&b, &server, "view=compare").await;
    b.wait_until("!!document.querySelector('[data-view=compare] td[data-country=jp][data-role=incident_response] [data-ref-id]')", 60).await;
    let jp_ir = ids_of(
        &b,
        "td[data-country=jp][data-role=incident_response] [data-ref-id]",
        "data-ref-id",
    )
    .await;
    let d = dataset();
    let today = d.manifest.as_of;
    let want: Vec<String> = d
        .nodes
        .iter()
        .filter(|n| n.exists_at(today))
        .filter(|n| {
            n.country == "jp"
                && n.roles
                    .contains(&alliance_map::model::Role::IncidentResponse)
        })
        .map(|n| n.id.clone())
        .collect();
    assert_eq!(jp_ir.len(), want.len());
    let bodies: Value = b.eval("document.querySelector('.structure-card[data-country=us] [data-stat=bodies]').textContent").await;
    assert_eq!(
        bodies.as_str().and_then(|s| s.parse::<usize>().ok()),
        Some(
            d.nodes
                .iter()
                .filter(|n| n.country == "us" && n.exists_at(today))
                .count()
        )
    );

    // The mirrored map: both countries' hierarchies and counterpart pairs, as a link.
    b.client
        .find(Locator::Css("button[data-action=mirrored]"))
        .await
        .expect("mirrored button")
        .click()
        .await
        .expect("click");
    b.wait_until("location.search.includes('country=us,jp') && location.search.includes('rel=part_of,counterpart_of')", 10).await;
    b.wait_until(READY, 60).await;
    let kinds = ids_of(&b, "[data-edge-kind]", "data-edge-kind").await;
    assert!(
        kinds.iter().any(|k| k == "counterpart_of")
            && kinds
                .iter()
                .all(|k| k == "part_of" || k == "counterpart_of"),
        "{kinds:?}"
    );

    let console = b.console().await;
    assert!(
        console.iter().all(|(level, _)| level != "SEVERE"),
        "console errors: {console:#?}"
    );
    b.close().await;
}
