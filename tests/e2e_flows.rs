//! End-to-end tests of the flows (#14) as a reader meets them: every bundled flow opens from
//! the URL at its first step with its title and its bodies numbered on the map; Previous / Next,
//! the step list and the arrow keys move through it to the last step; the list in the side
//! panel opens one on its date; the comparison lines two flows up; the CSV export has a row per
//! step and the SVG export the step numbers; unknown flows and steps are refused with a notice;
//! axe-core finds nothing with a flow open. Headless Chromium against the release build.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use alliance_map::model::Dataset;
use alliance_map::story::flow::resolve;
use browser::Browser;
use common::{dist, dist_dataset};
use serde_json::Value;
use server::Server;

const ARROW_LEFT: &str = "\u{E012}";
const ARROW_RIGHT: &str = "\u{E014}";

async fn open(b: &Browser, server: &Server, query: &str) {
    b.goto_settled(&server.url(&format!("?{query}"))).await;
}

/// The step the narration panel shows.
async fn step(b: &Browser) -> u64 {
    b.eval("Number(document.querySelector('[data-panel=flow]')?.dataset.step || 0)")
        .await
        .as_u64()
        .unwrap_or(0)
}

async fn wait_step(b: &Browser, n: usize) {
    b.wait_until(
        &format!("document.querySelector('[data-panel=flow]')?.dataset.step === '{n}'"),
        10,
    )
    .await;
}

/// The map's numbers: body id -> `data-flow-step`.
async fn numbered(b: &Browser) -> BTreeMap<String, usize> {
    let v = b
        .eval("Object.fromEntries([...document.querySelectorAll('[data-node-id][data-flow-step]')].map(g => [g.dataset.nodeId, Number(g.dataset.flowStep)]))")
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// What the core says the map numbers for flow `i`: body id -> first step.
fn expected_numbers(d: &Dataset, i: usize) -> BTreeMap<String, usize> {
    let r = resolve(d, &d.flows[i]).expect("every bundled flow resolves");
    r.first_step
        .iter()
        .map(|(&node, &n)| (d.nodes[node].id.clone(), n))
        .collect()
}

async fn query(b: &Browser) -> String {
    b.eval("location.search")
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_flow_opens_from_the_url_at_its_first_step() {
    let d = dist_dataset();
    assert!(d.flows.len() >= 12, "{} flows bundled", d.flows.len());
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    for (i, flow) in d.flows.iter().enumerate() {
        open(&b, &server, &format!("lang=en&flow={}&step=1", flow.id)).await;
        let title = b.text("[data-panel=flow] h3").await;
        assert_eq!(title, flow.title.en, "{}", flow.id);
        assert_eq!(step(&b).await, 1, "{}", flow.id);
        let now = b.text("[data-panel=flow] .flow-now").await;
        assert!(
            now.starts_with(&format!("Step 1 of {}: ", flow.steps.len())),
            "{}: {now}",
            flow.id
        );
        // Every body of the flow is drawn and numbered with the first step it appears in.
        assert_eq!(numbered(&b).await, expected_numbers(&d, i), "{}", flow.id);
        // The first step's bodies are the ones emphasised.
        let first = &flow.steps[0];
        let mut want: Vec<String> = std::iter::once(first.from.clone())
            .chain(first.to.clone())
            .collect();
        want.sort();
        want.dedup();
        let current = b
            .eval("[...document.querySelectorAll('[data-node-id].flow-current')].map(g => g.dataset.nodeId).sort()")
            .await;
        assert_eq!(current, serde_json::json!(want), "{}", flow.id);
        // The map shows the flow's own date.
        let q = query(&b).await;
        assert!(
            q.contains(&format!("date={}", flow.date)) && q.contains(&format!("flow={}", flow.id)),
            "{}: {q}",
            flow.id
        );
    }
    let notices = b.text("[data-panel=notices]").await;
    assert!(notices.is_empty(), "{notices}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn steps_move_with_buttons_the_list_and_the_arrow_keys() {
    let d = dist_dataset();
    let flow = d
        .flows
        .iter()
        .max_by_key(|f| f.steps.len())
        .expect("a flow");
    let total = flow.steps.len();
    assert!(total >= 4, "{} has {total} steps", flow.id);
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    open(&b, &server, &format!("lang=en&flow={}", flow.id)).await;
    assert_eq!(step(&b).await, 1);

    b.click("[data-action=flow-next]").await;
    wait_step(&b, 2).await;
    let now = b.text("[data-panel=flow] .flow-now").await;
    assert!(now.starts_with(&format!("Step 2 of {total}: ")), "{now}");
    assert!(
        now.contains(&flow.steps[1].action.en.chars().take(20).collect::<String>()),
        "{now}"
    );
    assert!(query(&b).await.contains("step=2"));
    // The step's bodies are emphasised, the other bodies of the flow are not faded, the rest is.
    let second = &flow.steps[1];
    let marks = b
        .eval(&format!(
            "(() => {{ const g = document.querySelector('[data-node-id=\"{}\"]'); return [g.classList.contains('flow-current'), g.classList.contains('flow-off'), document.querySelectorAll('[data-node-id].flow-off').length]; }})()",
            second.from
        ))
        .await;
    assert_eq!(marks[0], Value::Bool(true), "{marks}");
    assert_eq!(marks[1], Value::Bool(false), "{marks}");
    assert!(marks[2].as_u64().unwrap_or(0) > 0, "nothing faded: {marks}");
    b.click("[data-action=flow-previous]").await;
    wait_step(&b, 1).await;

    // ← → while the panel has focus; focus stays on the panel.
    b.eval("(document.querySelector('[data-panel=flow]').focus(), true)")
        .await;
    b.press(ARROW_RIGHT).await;
    wait_step(&b, 2).await;
    b.press(ARROW_RIGHT).await;
    wait_step(&b, 3).await;
    b.press(ARROW_LEFT).await;
    wait_step(&b, 2).await;
    let focus = b.eval("document.activeElement?.dataset?.panel || ''").await;
    assert_eq!(focus, "flow", "focus left the panel");

    // The last step is reachable, by keys and from the list; Next stops there.
    for _ in 0..total {
        b.press(ARROW_RIGHT).await;
    }
    wait_step(&b, total).await;
    let disabled = b
        .eval("document.querySelector('[data-action=flow-next]').disabled")
        .await;
    assert_eq!(disabled, Value::Bool(true));
    assert!(query(&b).await.contains(&format!("step={total}")));
    b.click("[data-panel=flow] .flow-steps [data-step=\"1\"]")
        .await;
    wait_step(&b, 1).await;
    b.click(&format!(
        "[data-panel=flow] .flow-steps [data-step=\"{total}\"]"
    ))
    .await;
    wait_step(&b, total).await;
    let current = b
        .eval("document.querySelector('.flow-steps [aria-current=step]')?.dataset.step")
        .await;
    assert_eq!(current, Value::String(total.to_string()));

    // A basis button selects that law or strategy.
    if let Some((k, basis)) = flow
        .steps
        .iter()
        .enumerate()
        .find_map(|(k, s)| s.basis.first().map(|b| (k + 1, b.clone())))
    {
        b.click(&format!(
            "[data-panel=flow] .flow-steps [data-step=\"{k}\"]"
        ))
        .await;
        wait_step(&b, k).await;
        b.click(&format!("[data-basis-id=\"{basis}\"]")).await;
        b.wait_until(
            &format!(
                "document.querySelector('[data-node-id=\"{basis}\"]')?.dataset.selected === 'true'"
            ),
            10,
        )
        .await;
        assert!(query(&b).await.contains(&format!("select={basis}")));
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_list_opens_a_flow_on_its_date_and_axe_finds_nothing() {
    let d = dist_dataset();
    let flow = d
        .flows
        .iter()
        .find(|f| f.country == "jp")
        .expect("a Japanese flow");
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    open(&b, &server, "lang=en").await;
    // Filter the list by country: only Japan's flows are listed.
    b.eval("(() => { const s = document.querySelector('[data-flow-filter]'); s.value = 'jp'; s.dispatchEvent(new Event('change')); return true; })()")
        .await;
    b.wait_until(
        &format!(
            "document.querySelectorAll('.flow-list [data-flow-id]').length === {}",
            d.flows.iter().filter(|f| f.country == "jp").count()
        ),
        10,
    )
    .await;
    b.click(&format!(".flow-list [data-flow-id=\"{}\"]", flow.id))
        .await;
    b.wait_until("!!document.querySelector('[data-panel=flow]')", 10)
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    b.wait_until(browser::SETTLED, 30).await;
    let q = query(&b).await;
    assert!(
        q.contains(&format!("date={}", flow.date))
            && q.contains(&format!("flow={}", flow.id))
            && q.contains("step=1"),
        "{q}"
    );
    assert_eq!(b.text("[data-panel=flow] h3").await, flow.title.en);

    // The embed code keeps the flow and the step.
    b.click("[data-action=share]").await;
    let snippet = b.eval("document.querySelector('#embed-code').value").await;
    let snippet = snippet.as_str().unwrap_or("");
    assert!(
        snippet.contains(&format!("flow={}", flow.id)) && snippet.contains("step=1"),
        "{snippet}"
    );
    b.click("[data-action=share]").await;

    // axe-core: nothing with a flow open, in English and in Japanese.
    for lang in ["en", "ja"] {
        open(&b, &server, &format!("lang={lang}&flow={}&step=2", flow.id)).await;
        let violations = b.axe().await;
        assert!(violations.is_empty(), "{lang}: {violations:#?}");
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_flows_side_by_side() {
    let d = dist_dataset();
    let (a, b_) = ("us-ransomware-victim", "jp-ransomware-victim");
    let fa = d.flows.iter().find(|f| f.id == a).expect("the US flow");
    let fb = d
        .flows
        .iter()
        .find(|f| f.id == b_)
        .expect("the Japanese flow");
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    b.client
        .goto(&server.url(&format!("?lang=en&view=compare&flow={a},{b_}")))
        .await
        .expect("open");
    b.wait_until(
        "!!document.querySelector('[data-panel=flow-compare] tbody tr')",
        60,
    )
    .await;
    let heads = b
        .eval("[...document.querySelectorAll('[data-panel=flow-compare] thead th[data-flow-id]')].map(th => th.dataset.flowId)")
        .await;
    assert_eq!(heads, serde_json::json!([a, b_]));
    let text = b.text("[data-panel=flow-compare]").await;
    assert!(
        text.contains(&fa.title.en) && text.contains(&fb.title.en),
        "{text}"
    );
    let rows = b
        .eval("document.querySelectorAll('[data-panel=flow-compare] tbody tr').length")
        .await;
    assert_eq!(
        rows.as_u64(),
        Some(fa.steps.len().max(fb.steps.len()) as u64)
    );
    // Step by step: each flow's actions in its own column.
    for (flow, column) in [(fa, 2), (fb, 3)] {
        for (k, s) in flow.steps.iter().enumerate() {
            let cell = b
                .text(&format!(
                    "[data-panel=flow-compare] tbody tr:nth-child({}) td:nth-child({column})",
                    k + 1
                ))
                .await;
            assert!(
                cell.contains(&s.action.en.chars().take(30).collect::<String>()),
                "{} step {}: {cell}",
                flow.id,
                k + 1
            );
            if let Some(w) = &s.within {
                assert!(cell.contains(&w.en), "{} step {}: {cell}", flow.id, k + 1);
            }
        }
    }
    // From the player: "compare side by side with" opens the same view.
    open(&b, &server, &format!("lang=en&flow={a}")).await;
    b.eval(&format!("(() => {{ const s = document.querySelector('[data-flow-compare]'); s.value = '{b_}'; s.dispatchEvent(new Event('change')); return true; }})()"))
        .await;
    b.wait_until("!!document.querySelector('[data-panel=flow-compare]')", 20)
        .await;
    let q = query(&b).await;
    assert!(
        q.contains(&format!("flow={a},{b_}")) && q.contains("view=compare"),
        "{q}"
    );
    // axe-core: the flows add nothing to what the comparison view itself is told (its skip link
    // points at the map, which only the map view has).
    let with_flows = b.axe().await;
    b.client
        .goto(&server.url("?lang=en&view=compare"))
        .await
        .expect("open");
    b.wait_until("!!document.querySelector('[data-view=compare]')", 60)
        .await;
    let plain: Vec<Value> = b.axe().await.iter().map(|v| v["id"].clone()).collect();
    let added: Vec<&Value> = with_flows
        .iter()
        .filter(|v| !plain.contains(&v["id"]))
        .collect();
    assert!(added.is_empty(), "{added:#?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_flow_exports_as_csv_one_row_per_step() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    for flow in d
        .flows
        .iter()
        .filter(|f| f.id == "jp-acd-access-neutralization" || f.country == "intl")
        .take(2)
    {
        open(&b, &server, &format!("lang=en&flow={}&step=2", flow.id)).await;
        b.click("[data-action=share]").await;
        b.click("[data-export=flow]").await;
        let name = alliance_map::story::flow::file_name(flow, "csv");
        let csv = b.downloaded(&name).await;
        let records = common::csv_records(&std::fs::read_to_string(&csv).expect("csv"));
        assert_eq!(
            records.len(),
            flow.steps.len() + 1,
            "{name}: header and one row per step"
        );
        let header = &records[0];
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no {name} column: {header:?}"))
        };
        for (k, (row, s)) in records[1..].iter().zip(&flow.steps).enumerate() {
            assert_eq!(row[col("step")], (k + 1).to_string());
            assert_eq!(row[col("from")], s.from);
            assert!(
                !row[col("sources")].is_empty(),
                "{name} step {}: no sources",
                k + 1
            );
            for src in &s.sources {
                assert!(
                    row[col("sources")].contains(&src.url),
                    "{name} step {}",
                    k + 1
                );
            }
        }
        // The SVG export carries the step numbers as drawn.
        b.click("[data-export=svg]").await;
        let svg = b
            .downloaded(&alliance_map::export::file_name(flow.date, None, "svg"))
            .await;
        let svg = std::fs::read_to_string(&svg).expect("svg");
        let badges = svg.matches("data-flow-badge=").count();
        let drawn = numbered(&b).await.len();
        assert!(
            badges > 0 && badges == drawn,
            "{}: {badges} step numbers in the SVG, {drawn} on the map",
            flow.id
        );
        b.click("[data-action=share]").await;
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_flows_and_steps_give_a_notice_and_leave_the_map_alone() {
    let d = dist_dataset();
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&["--window-size=1440,900"]).await;
    open(&b, &server, "lang=en&flow=no-such-flow&step=2").await;
    let notices = b.text("[data-panel=notices]").await;
    assert!(
        notices.contains("flow") && notices.contains("no-such-flow"),
        "{notices}"
    );
    assert_eq!(
        b.eval("!!document.querySelector('[data-panel=flow]')")
            .await,
        Value::Bool(false)
    );
    assert!(numbered(&b).await.is_empty());
    let q = query(&b).await;
    assert!(
        !q.contains("flow=") && !q.contains("step=") && !q.contains("date="),
        "{q}"
    );
    // The same map as without the parameters.
    let ids = b
        .eval("[...document.querySelectorAll('[data-node-id]')].map(g => g.dataset.nodeId).sort()")
        .await;
    open(&b, &server, "lang=en").await;
    let plain = b
        .eval("[...document.querySelectorAll('[data-node-id]')].map(g => g.dataset.nodeId).sort()")
        .await;
    assert_eq!(ids, plain);

    // A step the flow does not have: a notice, and the flow at its first step.
    let flow = &d.flows[0];
    open(&b, &server, &format!("lang=en&flow={}&step=99", flow.id)).await;
    let notices = b.text("[data-panel=notices]").await;
    assert!(
        notices.contains("step") && notices.contains("99"),
        "{notices}"
    );
    assert_eq!(step(&b).await, 1);
    b.close().await;
}
