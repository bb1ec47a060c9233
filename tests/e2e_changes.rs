//! End-to-end tests of "what changed" (#15): for two periods given by the URL, the marks on the
//! map (`data-change` on bodies and relations) and the change list (`data-panel="changes"`)
//! equal what `story::diff::diff_view` says for that view, computed here natively from the data
//! in `dist/`; bodies that ended are drawn where they stood; clicking an entry selects the body;
//! the CSV download is the same list; axe-core finds nothing with changes shown; presets, the
//! "Compare with…" date and its clearing; reversed dates give a notice. Headless Chromium
//! against the release build.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;

use alliance_map::export::{changes_csv, changes_file_name};
use alliance_map::graph::layers::Layer;
use alliance_map::model::Dataset;
use alliance_map::story::diff::{diff_view, Change, ChangeKind, Changes};
use alliance_map::view::ViewState;
use browser::Browser;
use common::{dist, dist_dataset};
use serde_json::Value;
use server::Server;

async fn open(b: &Browser, server: &Server, query: &str) {
    b.goto_settled(&server.url(&format!("?{query}"))).await;
}

/// What the core says the view `query` marks.
fn expected(d: &Dataset, query: &str) -> Changes {
    let (v, notices) = ViewState::parse(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    diff_view(d, &v).unwrap_or_else(|| panic!("{query} compares two dates"))
}

fn change_id(d: &Dataset, c: &Change) -> String {
    match c.ids(d) {
        (id, Some(target)) => format!("{id} {target}"),
        (id, None) => id.to_string(),
    }
}

/// The entries as the panel lists them: per country group, its bodies, then the relations
/// rewired between bodies that stayed, then those that came or went with a body; each as
/// `country|data-change-id|data-change`, in order.
fn entries(d: &Dataset, c: &Changes) -> Vec<String> {
    let mut out = Vec::new();
    for (country, list) in c.groups() {
        let bodies = list.iter().filter(|c| c.node().is_some());
        let rewired = list
            .iter()
            .filter(|c| c.edge().is_some() && !c.through_body);
        let along = list.iter().filter(|c| c.edge().is_some() && c.through_body);
        for ch in bodies.chain(rewired).chain(along) {
            out.push(format!(
                "{country}|{}|{}",
                change_id(d, ch),
                ch.kind.as_str()
            ));
        }
    }
    out
}

async fn panel_entries(b: &Browser) -> Vec<String> {
    let v = b
        .eval(
            "[...document.querySelectorAll('[data-panel=changes] .change-group')].flatMap(g => \
             [...g.querySelectorAll('[data-change-id]')].map(e => \
             g.dataset.country + '|' + e.dataset.changeId + '|' + e.dataset.change))",
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// The marks on the map: bodies `(id, mark)` and relations `(source, target, kind, mark)`, an
/// empty mark for none.
async fn marks(b: &Browser) -> (Vec<(String, String)>, Vec<(String, String, String, String)>) {
    let nodes = b
        .eval("[...document.querySelectorAll('g[data-node-id]')].map(g => [g.dataset.nodeId, g.dataset.change || ''])")
        .await;
    let edges = b
        .eval("[...document.querySelectorAll('path[data-edge-source]')].map(p => [p.dataset.edgeSource, p.dataset.edgeTarget, p.dataset.edgeKind, p.dataset.change || ''])")
        .await;
    (
        serde_json::from_value(nodes).unwrap_or_default(),
        serde_json::from_value(edges).unwrap_or_default(),
    )
}

/// The map's marks equal the diff's: every body and relation drawn carries its own mark and
/// nothing else is marked; every body that ended or was replaced (of a layer that is on) is
/// drawn. Returns the marks of the bodies drawn, by id.
async fn check_marks(
    b: &Browser,
    d: &Dataset,
    query: &str,
    c: &Changes,
) -> HashMap<String, String> {
    let (nodes, edges) = marks(b).await;
    assert!(!nodes.is_empty(), "{query}: no body drawn");
    let index: HashMap<&str, usize> = d
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    for (id, mark) in &nodes {
        let i = index[id.as_str()];
        let want = c.change_of_node(i).map(ChangeKind::as_str).unwrap_or("");
        assert_eq!(mark, want, "{query}: the mark of body {id}");
    }
    for (s, t, kind, mark) in &edges {
        let wanted: Vec<&str> = d
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| &e.source == s && &e.target == t && e.kind.as_str() == kind)
            .map(|(k, _)| c.change_of_edge(k).map(ChangeKind::as_str).unwrap_or(""))
            .collect();
        assert!(
            wanted.contains(&mark.as_str()),
            "{query}: relation {s} {kind} {t} marked {mark:?}, the diff says {wanted:?}"
        );
    }
    let layers = ViewState::parse(query).0.layers().to_vec();
    let drawn: HashMap<String, String> = nodes.into_iter().collect();
    for ch in &c.list {
        let (Some(i), ChangeKind::Ended | ChangeKind::Succeeded) = (ch.node(), ch.kind) else {
            continue;
        };
        let n = &d.nodes[i];
        if Layer::of_node(n.kind).is_none_or(|l| layers.contains(&l)) {
            assert!(
                drawn.contains_key(&n.id),
                "{query}: {} ended but is not drawn",
                n.id
            );
        }
    }
    drawn
}

/// The two periods of the issue: Japan's December 2022 strategies to the data's `as_of`, and
/// the US from 2018 to 2021. Marks, list, counts, selection by click, CSV and axe-core.
#[tokio::test(flavor = "multi_thread")]
async fn the_map_and_the_list_show_what_the_data_says_changed() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;

    for (query, added, replaced, successor) in [
        ("from=2022-12-16", vec!["jp-nco"], "jp-nisc", "jp-nco"),
        (
            "from=2018-01-01&date=2021-12-31",
            vec!["us-cisa", "us-oncd"],
            "us-nppd",
            "us-cisa",
        ),
    ] {
        let c = expected(&d, query);
        open(&b, &server, query).await;

        // The list: every change, grouped by country in date order.
        assert_eq!(
            panel_entries(&b).await,
            entries(&d, &c),
            "{query}: the change list"
        );
        let groups = b
            .eval("[...document.querySelectorAll('[data-panel=changes] .change-group')].map(g => g.dataset.country)")
            .await;
        let want: Vec<&str> = c.groups().iter().map(|(country, _)| *country).collect();
        assert_eq!(groups, serde_json::json!(want), "{query}: groups in order");
        // Counts per country and kind.
        let counts = b
            .eval("[...document.querySelectorAll('[data-count-country]')].map(e => [e.dataset.countCountry, +e.dataset.countAdded, +e.dataset.countEnded, +e.dataset.countSucceeded, +e.dataset.countRelationsAdded, +e.dataset.countRelationsEnded])")
            .await;
        let want: Vec<Value> = c
            .counts()
            .iter()
            .map(|k| {
                serde_json::json!([
                    k.country,
                    k.added,
                    k.ended,
                    k.succeeded,
                    k.relations_added,
                    k.relations_ended
                ])
            })
            .collect();
        assert_eq!(counts, serde_json::json!(want), "{query}: counts");
        // The reforms the issue names.
        for id in &added {
            assert!(
                entries(&d, &c)
                    .iter()
                    .any(|e| e.ends_with(&format!("|{id}|added"))),
                "{query}: {id} added"
            );
        }
        assert!(
            entries(&d, &c)
                .iter()
                .any(|e| e.ends_with(&format!("|{replaced}|succeeded"))),
            "{query}: {replaced} succeeded"
        );

        // The marks on the map.
        let drawn = check_marks(&b, &d, query, &c).await;
        assert_eq!(
            drawn.get(replaced).map(String::as_str),
            Some("succeeded"),
            "{query}"
        );
        let marked_edges = b
            .eval("document.querySelectorAll('path[data-edge-source][data-change]').length")
            .await;
        assert!(
            marked_edges.as_u64().unwrap_or(0) > 0,
            "{query}: no relation marked"
        );

        // The replaced body's entry says what it became, with a link to it.
        let became = b
            .eval(&format!(
                "document.querySelector('[data-change-id=\"{replaced}\"] .became [data-ref-id]')?.dataset.refId"
            ))
            .await;
        assert_eq!(
            became,
            serde_json::json!(successor),
            "{query}: {replaced} became"
        );
        let sources = b
            .eval(&format!(
                "[...document.querySelectorAll('[data-change-id=\"{replaced}\"] .change-sources a')].map(a => [a.protocol, a.rel])"
            ))
            .await;
        let sources = sources.as_array().cloned().unwrap_or_default();
        assert!(!sources.is_empty(), "{query}: {replaced} has sources");
        for s in &sources {
            assert!(
                matches!(s[0].as_str(), Some("https:" | "http:"))
                    && s[1].as_str() == Some("noopener noreferrer"),
                "{query}: source link {s}"
            );
        }

        // Clicking an entry selects its body (an ended one, drawn where it stood).
        b.click(&format!(
            "[data-change-id=\"{replaced}\"] .what > [data-ref-id=\"{replaced}\"]"
        ))
        .await;
        b.wait_until(
            &format!("document.querySelector('[data-node-id=\"{replaced}\"]')?.dataset.selected === 'true'"),
            10,
        )
        .await;
        let name = b.text("[data-panel='details'] h2.name").await;
        let n = d
            .nodes
            .iter()
            .find(|n| n.id == replaced)
            .expect("replaced body");
        assert_eq!(name, n.name.en, "{query}: details of {replaced}");
        // The "became" link selects the successor; the comparison stays in the address.
        b.click(&format!(
            "[data-change-id=\"{replaced}\"] .became [data-ref-id=\"{successor}\"]"
        ))
        .await;
        b.wait_until(
            &format!("document.querySelector('[data-node-id=\"{successor}\"]')?.dataset.selected === 'true'"),
            10,
        )
        .await;
        let search = b.eval("location.search").await;
        let search = search.as_str().unwrap_or_default();
        assert!(
            search.contains(&format!("select={successor}"))
                && search.contains(&format!("from={}", c.from)),
            "{query}: address {search}"
        );
        b.settle().await;
        check_marks(&b, &d, query, &c).await;

        // axe-core: nothing with the changes shown, a body selected.
        let violations = b.axe().await;
        assert!(violations.is_empty(), "{query}: axe-core: {violations:#?}");

        // The CSV download is the same list.
        b.click("[data-action=share]").await;
        b.click("[data-export=changes]").await;
        let csv = b.downloaded(&changes_file_name(&c, "csv")).await;
        let text = std::fs::read_to_string(&csv).expect("the CSV");
        assert_eq!(
            text,
            changes_csv(&d, &c),
            "{query}: the CSV is the change list"
        );
        let records = common::csv_records(&text);
        assert_eq!(
            records.len(),
            c.list.len() + 1,
            "{query}: one row per change"
        );
        b.click("[data-action=share]").await;
    }

    let console = b.console().await;
    assert!(
        browser::severe(&console).is_empty(),
        "console errors: {console:?}"
    );
    b.close().await;
}

/// A preset compares its two dates in one click; the "Compare with…" date sets `from=`;
/// clearing it removes it and the marks.
#[tokio::test(flavor = "multi_thread")]
async fn presets_and_the_compare_date_set_from() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    open(&b, &server, "").await;
    assert_eq!(
        b.eval("document.querySelectorAll('[data-panel=changes], [data-change]').length")
            .await,
        serde_json::json!(0),
        "nothing marked without from="
    );

    // Every preset of the data is a button; Japan's NCO day in one click.
    let presets = b
        .eval("[...document.querySelectorAll('[data-preset]')].map(e => e.dataset.preset)")
        .await;
    let want: Vec<&str> = d.manifest.reforms.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(presets, serde_json::json!(want));
    b.click("[data-preset=jp-nco-2025]").await;
    b.settle().await;
    let query = "from=2025-06-30&date=2025-07-01";
    let search = b.eval("location.search").await;
    assert!(
        search.as_str().unwrap_or_default().contains(query),
        "{search}"
    );
    assert_eq!(
        b.eval("document.querySelector('[data-preset=jp-nco-2025]').getAttribute('aria-pressed')")
            .await,
        serde_json::json!("true")
    );
    let c = expected(&d, query);
    assert_eq!(
        panel_entries(&b).await,
        entries(&d, &c),
        "the NCO day's list"
    );
    let drawn = check_marks(&b, &d, query, &c).await;
    assert_eq!(drawn.get("jp-nisc").map(String::as_str), Some("succeeded"));
    // A body added under a folded one is brought into sight by clicking its entry.
    b.click("[data-change-id=\"jp-nco\"] .what > [data-ref-id=\"jp-nco\"]")
        .await;
    b.wait_until(
        "document.querySelector('[data-node-id=\"jp-nco\"]')?.dataset.selected === 'true'",
        10,
    )
    .await;
    b.settle().await;
    let drawn = check_marks(&b, &d, query, &c).await;
    assert_eq!(drawn.get("jp-nco").map(String::as_str), Some("added"));

    // The "Compare with…" date.
    b.eval("(() => { const i = document.getElementById('compare-from'); i.value = '2018-01-01'; i.dispatchEvent(new Event('change', { bubbles: true })); })()")
        .await;
    b.settle().await;
    let query = "from=2018-01-01&date=2025-07-01";
    let search = b.eval("location.search").await;
    assert!(
        search.as_str().unwrap_or_default().contains(query),
        "{search}"
    );
    let c = expected(&d, query);
    assert_eq!(
        panel_entries(&b).await,
        entries(&d, &c),
        "2018 to the NCO day"
    );
    check_marks(&b, &d, query, &c).await;

    // Clearing it removes from= and every mark.
    b.click("[data-action=clear-from]").await;
    b.settle().await;
    let search = b.eval("location.search").await;
    assert!(
        !search.as_str().unwrap_or_default().contains("from="),
        "{search}"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('[data-panel=changes], [data-change]').length")
            .await,
        serde_json::json!(0)
    );
    let console = b.console().await;
    assert!(
        browser::severe(&console).is_empty(),
        "console errors: {console:?}"
    );
    b.close().await;
}

/// Reversed dates, or a `from` not before the data's `as_of`, give a notice and no comparison.
#[tokio::test(flavor = "multi_thread")]
async fn reversed_dates_give_a_notice() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    let after = d.manifest.as_of.year + 1;
    for query in [
        "from=2025-07-01&date=2025-06-30".to_string(),
        format!("from={after}-01-01"),
    ] {
        open(&b, &server, &query).await;
        let notice = b.text("[data-panel=notices]").await;
        assert!(notice.contains("from"), "{query}: notice {notice:?}");
        assert_eq!(
            b.eval("document.querySelectorAll('[data-panel=changes], [data-change]').length")
                .await,
            serde_json::json!(0),
            "{query}: nothing compared"
        );
        let search = b.eval("location.search").await;
        assert!(
            !search.as_str().unwrap_or_default().contains("from="),
            "{query}: {search}"
        );
    }
    b.close().await;
}

/// In Japanese and the dark theme: the same list, every entry's words in Japanese, and axe-core
/// finds nothing.
#[tokio::test(flavor = "multi_thread")]
async fn japanese_and_dark_theme() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&[
        "--window-size=1440,900",
        "--force-dark-mode",
        "--blink-settings=preferredColorScheme=0",
    ])
    .await;
    let query = "from=2018-01-01&date=2021-12-31&lang=ja";
    let c = expected(&d, query);
    open(&b, &server, query).await;
    assert_eq!(
        panel_entries(&b).await,
        entries(&d, &c),
        "the list in Japanese"
    );
    let heading = b.text("#changes-title").await;
    assert_eq!(heading, "変化");
    let replaced = b.text("[data-change-id=\"us-nppd\"] .what").await;
    assert!(replaced.ends_with("に改組"), "{replaced:?}");
    let violations = b.axe().await;
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    b.close().await;
}
