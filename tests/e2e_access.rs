//! End-to-end accessibility and language: axe-core finds no WCAG 2.2 A/AA violation in any
//! view; the whole map can be used with the keyboard alone; `lang=ja` shows Japanese labels.
//! Run by `cargo xtask test` (which installs axe-core into .tools/) against the release build.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;
use std::time::Duration;

use alliance_map::layout::labels::Labels;
use alliance_map::view::Lang;
use browser::Browser;
use common::dist;
use server::Server;

/// The map drawn and the long texts here (see `data-complete`).
const READY: &str = "document.documentElement.dataset.mapReady === 'true' \
    && document.documentElement.dataset.complete === 'true'";
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const RIGHT: &str = "\u{E014}";

async fn open(b: &Browser, server: &Server, query: &str) {
    b.client
        .goto(&server.url(&format!("?{query}")))
        .await
        .expect("open the page");
    if query.contains("view=table") || query.contains("view=compare") {
        b.wait_until(
            "!!document.querySelector('[data-view] tbody tr, [data-view] td')",
            60,
        )
        .await;
    } else {
        b.wait_until(READY, 60).await;
    }
}

async fn active(b: &Browser, what: &str) -> String {
    b.eval(&format!(
        "(document.activeElement && document.activeElement.getAttribute('{what}')) || ''"
    ))
    .await
    .as_str()
    .unwrap_or("")
    .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violation_in_any_view() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    for query in [
        "",
        "select=us-cisa",
        "view=table",
        "view=compare",
        "embed=1",
        "lang=ja",
        "lang=ja&view=compare&select=jp-nco",
        "path=us-cisa~jp-nco",
        "date=all&open=all&layers=all",
        "open=us-president&select=us-president",
    ] {
        open(&b, &server, query).await;
        let violations = b.axe().await;
        assert!(
            violations.is_empty(),
            "?{query}: {}",
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }
    // A 360 px wide embed: still drawn, still clean.
    b.client
        .set_window_size(360, 640)
        .await
        .expect("narrow window");
    open(&b, &server, "embed=1&country=jp").await;
    assert!(
        b.eval("document.querySelectorAll('[data-node-id]').length")
            .await
            .as_u64()
            .unwrap_or(0)
            > 0
    );
    let violations = b.axe().await;
    assert!(violations.is_empty(), "360 px embed: {violations:#?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lang_ja_shows_japanese_labels_and_sets_html_lang() {
    let d = common::dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    open(&b, &server, "lang=ja").await;
    assert_eq!(b.eval("document.documentElement.lang").await, "ja");
    // Every drawn body is named by its label (first in its accessible name); the labels shown
    // read as the core writes them, line by line.
    let drawn = b.eval("Object.fromEntries([...document.querySelectorAll('[data-node-id]')].map(g => [g.dataset.nodeId, [g.getAttribute('aria-label'), [...g.querySelectorAll('.label tspan')].map(t => t.textContent).join(' ')]]))").await;
    let labels = Labels::new(&d, Lang::Ja);
    let mut japanese = 0;
    let mut shown = 0;
    for (i, n) in d.nodes.iter().enumerate() {
        let Some(got) = drawn.get(&n.id) else {
            continue;
        };
        let want = labels.lines(i).join(" ");
        let aria = got[0].as_str().unwrap_or("");
        assert!(
            aria.starts_with(&format!("{want}:")),
            "{}: {aria:?} for {want:?}",
            n.id
        );
        let text = got[1].as_str().unwrap_or("");
        if !text.is_empty() {
            shown += 1;
            assert_eq!(text, want, "label of {}", n.id);
        }
        // A body whose Japanese name is in Japanese script reads in Japanese (companies keep
        // their Latin names, e.g. Google Cloud).
        if n.name
            .ja
            .as_deref()
            .is_some_and(|ja| ja.chars().any(|c| (c as u32) > 0x2e80))
        {
            japanese += 1;
            assert!(
                want.chars().any(|c| (c as u32) > 0x2e80)
                    || n.short.as_ref().is_some_and(|s| s.ja.is_some()),
                "{} has a Japanese name but an English label {want:?}",
                n.id
            );
        }
    }
    assert!(shown > 20, "only {shown} labels shown");
    assert!(
        japanese > 20,
        "only {japanese} drawn bodies with Japanese names"
    );
    // The interface follows: the tabs and the panel headings are in Japanese.
    assert_eq!(
        b.eval("document.querySelector('.view-tabs button').textContent")
            .await,
        "地図"
    );
    // Switching back is one click, and the URL says so.
    b.client
        .find(fantoccini::Locator::Css(".lang-switch"))
        .await
        .expect("switch")
        .click()
        .await
        .expect("click");
    b.wait_until(
        "document.documentElement.lang === 'en' && location.search.includes('lang=en')",
        10,
    )
    .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_map_can_be_used_with_the_keyboard_alone() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    open(&b, &server, "").await;

    // Tab until a node of the graph has focus (the graph is one tab stop).
    let mut reached = String::new();
    for _ in 0..80 {
        b.press(TAB).await;
        reached = active(&b, "data-node-id").await;
        if !reached.is_empty() {
            break;
        }
    }
    assert!(!reached.is_empty(), "Tab never reached the graph");
    assert_eq!(
        b.eval("document.querySelectorAll('[data-node-id][tabindex=\"0\"]').length")
            .await,
        1,
        "one node in the tab order"
    );

    // An arrow key moves to another body.
    b.press(RIGHT).await;
    let moved = active(&b, "data-node-id").await;
    assert!(
        !moved.is_empty() && moved != reached,
        "ArrowRight from {reached} stayed at {moved:?}"
    );

    // Enter opens its details, and focus moves into the panel.
    b.press(ENTER).await;
    b.wait_until(
        &format!(
            "document.querySelector('[data-node-id=\"{moved}\"]').dataset.selected === 'true'"
        ),
        10,
    )
    .await;
    b.wait_until(
        "document.activeElement && document.activeElement.closest('[data-panel=details]')",
        10,
    )
    .await;

    // Follow a relation: Tab to the first relation in the panel and press Enter.
    let mut target = String::new();
    for _ in 0..40 {
        b.press(TAB).await;
        if b.eval("!!(document.activeElement && document.activeElement.closest('ul.relations'))")
            .await
            == true
        {
            target = active(&b, "data-ref-id").await;
            break;
        }
    }
    assert!(
        !target.is_empty(),
        "no relation reachable by Tab in the details panel"
    );
    b.press(ENTER).await;
    b.wait_until(&format!("location.search.includes('select={target}')"), 10)
        .await;

    // `/` jumps to search; typing and Enter select the best match.
    b.client
        .execute(
            "document.activeElement && document.activeElement.blur()",
            vec![],
        )
        .await
        .expect("blur");
    b.client
        .find(fantoccini::Locator::Css("body"))
        .await
        .expect("body")
        .send_keys("/")
        .await
        .expect("slash");
    b.wait_until(
        "document.activeElement && document.activeElement.id === 'search-input'",
        10,
    )
    .await;
    b.press("CISA").await;
    b.press(ENTER).await;
    b.wait_until("location.search.includes('select=us-cisa')", 10)
        .await;

    // Escape closes the details and gives focus back to the body.
    b.wait_until(
        "document.activeElement && document.activeElement.closest('[data-panel=details]')",
        10,
    )
    .await;
    b.press(ESCAPE).await;
    b.wait_until("!document.querySelector('[data-panel=details]')", 10)
        .await;
    b.wait_until(
        "document.activeElement && document.activeElement.dataset.nodeId === 'us-cisa'",
        10,
    )
    .await;

    // `?` lists the shortcuts; Escape closes the list.
    b.press("?").await;
    b.wait_until("!!document.querySelector('[data-panel=shortcuts]')", 10)
        .await;
    b.press(ESCAPE).await;
    b.wait_until("!document.querySelector('[data-panel=shortcuts]')", 10)
        .await;
    tokio::time::sleep(Duration::from_millis(100)).await;

    let console = b.console().await;
    assert!(
        console.iter().all(|(level, _)| level != "SEVERE"),
        "console errors: {console:#?}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dark_theme_also_passes_axe() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&[
        "--force-dark-mode",
        "--blink-settings=preferredColorScheme=0",
    ])
    .await;
    open(&b, &server, "select=us-cisa").await;
    assert_eq!(
        b.eval("matchMedia('(prefers-color-scheme: dark)').matches")
            .await,
        true,
        "dark mode not in effect"
    );
    let violations = b.axe().await;
    assert!(
        violations.is_empty(),
        "dark theme: {}",
        serde_json::to_string_pretty(&violations).unwrap_or_default()
    );
    open(&b, &server, "view=compare").await;
    let violations = b.axe().await;
    assert!(
        violations.is_empty(),
        "dark theme, compare: {}",
        serde_json::to_string_pretty(&violations).unwrap_or_default()
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_reduced_motion_a_drag_settles_without_animation() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--force-prefers-reduced-motion"]).await;
    open(&b, &server, "open=all").await;
    assert_eq!(
        b.eval("matchMedia('(prefers-reduced-motion: reduce)').matches")
            .await,
        true
    );
    // Record every layout state the map goes through during a drag.
    b.client
        .execute(
            "window.__states = []; new MutationObserver(() => window.__states.push(document.querySelector('svg.map-canvas').dataset.layout)).observe(document.querySelector('svg.map-canvas'), { attributes: true, attributeFilter: ['data-layout'] });",
            vec![],
        )
        .await
        .expect("observe");
    b.drag("[data-node-id='jp-nco'] .symbol", &[(80.0, 40.0)])
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        b.eval("window.__states.includes('running')").await,
        false,
        "animated settling under reduced motion"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn touch_taps_select_and_one_finger_pans() {
    use fantoccini::actions::{InputSource, PointerAction, TouchActions};
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    open(&b, &server, "open=all").await;
    let symbol = b
        .client
        .find(fantoccini::Locator::Css("[data-node-id='us-cisa'] .symbol"))
        .await
        .expect("CISA");
    let tap = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement {
            element: symbol,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Up { button: 0 });
    b.client.perform_actions(tap).await.expect("tap");
    b.wait_until(
        "document.querySelector('[data-node-id=\"us-cisa\"]').dataset.selected === 'true'",
        10,
    )
    .await;

    let transform = "document.querySelector('svg.map-canvas g.viewport').getAttribute('transform')";
    let before = b.eval(transform).await;
    let pan = TouchActions::new("finger".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x: 420.0,
            y: 620.0,
        })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(200)),
            x: 60.0,
            y: -40.0,
        })
        .then(PointerAction::Up { button: 0 });
    b.client.perform_actions(pan).await.expect("pan");
    let after = b.eval(transform).await;
    assert_ne!(
        before, after,
        "a one-finger drag on the background pans the map"
    );
    b.close().await;
}
