//! End-to-end tests of the first view, as a reader meets it: today's organization, folded to
//! what fits, labels never under 11 px that grow in number as one zooms in, the whole body as
//! the click target, the hierarchy opened and folded by click, keyboard and URL, the map within
//! three presses of Tab, and a phone's screen. Headless Chromium against the release build.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;

use browser::Browser;
use common::{dist, dist_dataset};
use fantoccini::Locator;
use serde_json::Value;
use server::Server;

const TAB: &str = "\u{E004}";

async fn open(b: &Browser, server: &Server, query: &str) {
    b.goto_settled(&server.url(&format!("?{query}"))).await;
}

async fn drawn(b: &Browser) -> Vec<String> {
    let v = b
        .eval("[...document.querySelectorAll('[data-node-id]')].map(g => g.dataset.nodeId)")
        .await;
    let mut ids: Vec<String> = serde_json::from_value(v).unwrap_or_default();
    ids.sort();
    ids
}

/// The bodies the core says the view `query` draws, for the budget the page chose.
async fn expected(b: &Browser, query: &str) -> Vec<String> {
    common::drawn_by_core(query, b.budget().await)
}

/// Labels shown: their count and their smallest size on screen (font size times drawn scale).
async fn labels(b: &Browser) -> (u64, f64) {
    let v: Value = b
        .eval("(() => { const s = [...document.querySelectorAll('.node .label')].map(t => { const m = t.getScreenCTM(); return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); }); return [s.length, s.length ? Math.min(...s) : 0]; })()")
        .await;
    (v[0].as_u64().unwrap_or(0), v[1].as_f64().unwrap_or(0.0))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_view_is_today_folded_to_fit_with_readable_labels() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    open(&b, &server, "").await;

    let ids = drawn(&b).await;
    assert_eq!(
        ids,
        expected(&b, "").await,
        "the page draws what the core decides"
    );
    let as_of = d.manifest.as_of.start();
    let ended: Vec<&String> = ids
        .iter()
        .filter(|id| {
            d.nodes
                .iter()
                .find(|n| &&n.id == id)
                .and_then(|n| n.until)
                .is_some_and(|u| u.start() <= as_of)
        })
        .collect();
    assert!(ended.is_empty(), "bodies that no longer exist: {ended:?}");
    assert!(!ids.contains(&"jp-nisc".to_string()));
    assert!(ids.len() < d.nodes.len() / 2, "{} bodies drawn", ids.len());
    let titles = b
        .eval("[...document.querySelectorAll('.region text')].map(t => t.textContent)")
        .await;
    assert_eq!(
        titles,
        serde_json::json!(["United States", "Between countries", "Japan"])
    );

    // Labels are never smaller than 11 px, and zooming in shows more of them.
    let (before, smallest) = labels(&b).await;
    assert!(
        before > 0 && smallest >= 11.0,
        "{before} labels, smallest {smallest:.1} px"
    );
    for _ in 0..3 {
        b.client
            .find(Locator::Css("[data-zoom=in]"))
            .await
            .expect("zoom in")
            .click()
            .await
            .expect("click");
    }
    let (after, smallest) = labels(&b).await;
    assert!(
        smallest >= 11.0,
        "smallest label {smallest:.1} px after zooming in"
    );
    assert!(
        after > before,
        "zooming in showed {after} labels, {before} before"
    );
    b.client
        .find(Locator::Css("[data-zoom=fit]"))
        .await
        .expect("fit")
        .click()
        .await
        .expect("click");

    // The label is part of the body: clicking the name selects it (no relation takes the
    // click), and the details open.
    let target = b
        .eval("[...document.querySelectorAll('.node')].find(g => g.querySelector('.label') && g.dataset.nodeId.startsWith('us-'))?.dataset.nodeId")
        .await;
    let target = target
        .as_str()
        .expect("a US body with its label shown")
        .to_string();
    b.client
        .find(Locator::Css(&format!("[data-node-id='{target}'] .label")))
        .await
        .expect("the label")
        .click()
        .await
        .expect("click the label");
    b.wait_until(
        &format!(
            "document.querySelector('[data-node-id=\"{target}\"]').dataset.selected === 'true'"
        ),
        10,
    )
    .await;
    assert!(b.text("[data-panel=details]").await.len() > 10);
    // "All dates" is a choice: it brings back bodies that no longer exist.
    b.client
        .find(Locator::Css("button[data-action=all-dates]"))
        .await
        .expect("all dates")
        .click()
        .await
        .expect("click");
    b.wait_until("location.search.includes('date=all')", 10)
        .await;
    b.settle().await;
    assert_eq!(drawn(&b).await, expected(&b, "date=all").await);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_hierarchy_opens_and_folds_by_click_keyboard_and_url() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    // Only the top of each chart: the US Department of Homeland Security's parent folded.
    open(&b, &server, "open=").await;
    let top = drawn(&b).await;
    assert_eq!(top, expected(&b, "open=").await);
    let folded = b
        .eval("document.querySelector('[data-node-id=\"us-president\"]').dataset.folded")
        .await;
    assert_eq!(folded, "folded", "the President's offices are folded in");
    let badge = b
        .eval("document.querySelector('.badge[data-badge-of=\"us-president\"]').textContent")
        .await;
    assert!(
        badge.as_str().is_some_and(|t| t.starts_with('+')),
        "{badge}"
    );

    // A click on the badge opens it.
    b.client
        .find(Locator::Css(".badge[data-badge-of='us-president']"))
        .await
        .expect("badge")
        .click()
        .await
        .expect("click the badge");
    b.wait_until("location.search.includes('open=us-president')", 10)
        .await;
    b.settle().await;
    let opened = drawn(&b).await;
    assert!(opened.len() > top.len());
    assert_eq!(opened, expected(&b, "open=us-president").await);
    assert_eq!(
        b.eval("document.querySelector('[data-node-id=\"us-president\"]').getAttribute('aria-expanded')")
            .await,
        "true"
    );

    // The keyboard: "-" on the focused body folds it again, "+" opens it.
    for (key, url, want) in [
        ("-", "!location.search.includes('us-president')", &top),
        (
            "+",
            "location.search.includes('open=us-president')",
            &opened,
        ),
    ] {
        b.client
            .execute(
                "document.querySelector('[data-node-id=\"us-president\"]').focus()",
                vec![],
            )
            .await
            .expect("focus");
        b.press(key).await;
        b.wait_until(url, 10).await;
        b.settle().await;
        assert_eq!(&drawn(&b).await, want, "after {key}");
    }

    // open=all draws the whole of today's organization.
    open(&b, &server, "open=all").await;
    let all = drawn(&b).await;
    assert_eq!(all, expected(&b, "open=all").await);
    assert!(all.len() > opened.len());
    assert_eq!(
        b.eval("document.querySelectorAll('.badge').length").await,
        0
    );
    b.close().await;
}

/// Each "+N" badge drawn, by the body it belongs to: its number, and the number of sub-units
/// the body's accessible name says are folded in (both follow the view).
async fn badges(b: &Browser) -> HashMap<String, (u64, u64)> {
    let v = b
        .eval(
            "Object.fromEntries([...document.querySelectorAll('.badge')].map(t => { \
               const of = t.dataset.badgeOf; \
               const name = document.querySelector(`[data-node-id=\"${of}\"]`)?.getAttribute('aria-label') ?? ''; \
               const m = name.match(/(\\d+) sub-units folded in/); \
               return [of, [parseInt(t.textContent.slice(1)), m ? parseInt(m[1]) : -1]]; }))",
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn badges_count_what_is_folded_in_after_the_date_moves_in_place() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    open(&b, &server, "").await;
    let today = badges(&b).await;
    assert!(!today.is_empty(), "today's first view has folded bodies");
    for (of, (shown, named)) in &today {
        assert_eq!(shown, named, "{of} today");
    }

    // The earliest key date, chosen as a reader does: the page changes in place.
    b.click(".key-dates select").await;
    b.click(".key-dates select option:nth-child(2)").await;
    b.wait_until("location.search.includes('date=')", 10).await;
    b.settle().await;
    let then = badges(&b).await;
    for (of, (shown, named)) in &then {
        assert_eq!(shown, named, "{of} at the earliest key date");
    }
    let moved: Vec<&String> = then
        .iter()
        .filter(|(of, (n, _))| today.get(*of).is_some_and(|(m, _)| m != n))
        .map(|(of, _)| of)
        .collect();
    assert!(
        !moved.is_empty(),
        "some body folds in another number of sub-units then than today: {today:?} / {then:?}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn tab_from_page_load_reaches_a_body_in_at_most_three_presses() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    open(&b, &server, "").await;
    let mut presses = 0;
    let mut first = Value::Null;
    while presses < 3 {
        b.press(TAB).await;
        presses += 1;
        if presses == 1 {
            first = b
                .eval("document.activeElement.classList.contains('skip-link') && getComputedStyle(document.activeElement).top")
                .await;
        }
        if b.eval("!!document.activeElement?.dataset?.nodeId").await == true {
            break;
        }
    }
    assert_eq!(
        b.eval("!!document.activeElement?.dataset?.nodeId").await,
        true,
        "no body after {presses} presses of Tab"
    );
    assert!(
        first.as_str().is_some_and(|top| top != "-48px"),
        "the first stop is the skip link, shown when focused: {first}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phone_gets_the_map_with_readable_labels_and_the_panel_as_a_drawer() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.emulate_phone(390, 844).await;
    for lang in ["en", "ja"] {
        open(&b, &server, &format!("lang={lang}")).await;
        assert_eq!(b.eval("innerWidth").await, 390);
        let (count, smallest) = labels(&b).await;
        assert!(
            count > 0 && smallest >= 11.0,
            "{lang}: {count} labels, smallest {smallest:.1}"
        );
        assert_eq!(drawn(&b).await, expected(&b, &format!("lang={lang}")).await);
        // The map has the screen; the search and filters wait in a drawer.
        let map_width = b
            .eval("document.querySelector('svg.map-canvas').getBoundingClientRect().width")
            .await;
        assert!(map_width.as_f64().unwrap_or(0.0) >= 380.0, "{map_width}");
        assert_eq!(
            b.eval("getComputedStyle(document.querySelector('.controls')).display")
                .await,
            "none"
        );
    }
    b.client
        .find(Locator::Css("button[data-action=drawer]"))
        .await
        .expect("drawer button")
        .click()
        .await
        .expect("open the drawer");
    b.wait_until(
        "getComputedStyle(document.querySelector('.controls')).display !== 'none'",
        10,
    )
    .await;
    let violations = b.axe().await;
    assert!(
        violations.is_empty(),
        "390 px with the drawer open: {violations:#?}"
    );
    b.close().await;
}

/// The legend, closed at first, explains every country's colour, every kind's shape and every
/// relation's line once opened: in the reader's language, and passing axe-core.
#[tokio::test(flavor = "multi_thread")]
async fn the_legend_explains_colours_shapes_and_lines_once_opened() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    for (query, word) in [("", "Legend"), ("lang=ja", "凡例")] {
        open(&b, &server, query).await;
        let entries = "document.querySelectorAll('details.legend li').length";
        assert_eq!(
            b.eval(entries).await,
            serde_json::json!(0),
            "nothing made while closed"
        );
        let summary = b.text("details.legend summary").await;
        assert_eq!(summary, word);
        b.click("details.legend summary").await;
        b.wait_until(&format!("{entries} > 0"), 10).await;
        let kinds: std::collections::BTreeSet<_> = d.nodes.iter().map(|n| n.kind).collect();
        let relations: std::collections::BTreeSet<_> = d.edges.iter().map(|e| e.kind).collect();
        let countries = d.manifest.countries.len() + 1;
        assert_eq!(
            b.eval(entries).await,
            serde_json::json!(countries + kinds.len() + relations.len()),
            "one entry per country (and between countries), kind and relation in the data"
        );
        let violations = b.axe().await;
        assert!(violations.is_empty(), "{query}: {violations:?}");
    }
    b.close().await;
}
