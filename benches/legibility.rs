//! `cargo xtask bench legibility`: what a reader sees in the first view, measured in headless
//! Chromium on the release build, at 1440×900 and 390×844, in English and Japanese. Prints
//! figures; asserts nothing. With BASELINE_DIST set (another build, e.g. of an earlier commit)
//! the same figures are printed for it too, from the same run.
//!
//! Figures: bodies drawn; drawn bodies that ended on or before the data's `as_of`; relations
//! drawn; crossings between drawn relations (pairs of straight segments between body centres
//! that cross and share no end); labels shown; smallest and median on-screen label size (the
//! label's font size times the scale it is drawn at); labels ending in "…"; shown labels that
//! read the same as another; the share of drawn `part_of` relations whose child is drawn
//! below its parent; and how many heights of the map's box the regions span, with the empty
//! space between stacked regions.

#[path = "../tests/support/browser.rs"]
mod browser;
#[path = "../tests/support/server.rs"]
mod server;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use alliance_map::model::{load_with, Dataset};
use browser::Browser;
use serde_json::Value;
use server::Server;

const READY: &str = "document.documentElement.dataset.mapReady === 'true' \
    && document.querySelector('svg.map-canvas')?.dataset.layout === 'settled'";

/// Runs in the page: the geometry of what is drawn, as the reader sees it.
const MEASURE: &str = r#"
const centre = g => { const m = g.getScreenCTM(); return [m.e, m.f]; };
const nodes = new Map([...document.querySelectorAll('.node[data-node-id]')].map(g => [g.dataset.nodeId, centre(g)]));
const edges = [...document.querySelectorAll('path.edge')].map(p => ({
  s: p.dataset.edgeSource, t: p.dataset.edgeTarget, kind: p.dataset.edgeKind }))
  .filter(e => nodes.has(e.s) && nodes.has(e.t) && e.s !== e.t);
const cross = (a, b, c, d) => {
  const o = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
};
let crossings = 0;
for (let i = 0; i < edges.length; i++) for (let j = i + 1; j < edges.length; j++) {
  const e = edges[i], f = edges[j];
  if (e.s === f.s || e.s === f.t || e.t === f.s || e.t === f.t) continue;
  if (cross(nodes.get(e.s), nodes.get(e.t), nodes.get(f.s), nodes.get(f.t))) crossings++;
}
const labels = [...document.querySelectorAll('.node .label')].map(t => {
  const m = t.getScreenCTM();
  const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  const text = [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') || t.textContent;
  return { px, text };
});
const sizes = labels.map(l => l.px).sort((a, b) => a - b);
const counts = {};
for (const l of labels) counts[l.text] = (counts[l.text] || 0) + 1;
const partOf = edges.filter(e => e.kind === 'part_of');
// The regions' frames, top to bottom: how many screens of the map they span and how much of
// that is empty space between them (stacked regions on a phone).
const frames = [...document.querySelectorAll('g.region rect')].map(r => r.getBoundingClientRect()).sort((a, b) => a.top - b.top);
const mapBox = document.querySelector('svg.map-canvas').getBoundingClientRect();
let span = 0, gaps = 0;
if (frames.length) {
  span = Math.max(...frames.map(r => r.bottom)) - frames[0].top;
  let end = frames[0].bottom;
  for (const r of frames.slice(1)) { if (r.top > end) gaps += r.top - end; end = Math.max(end, r.bottom); }
}
return {
  screens: mapBox.height ? span / mapBox.height : null,
  gaps: Math.round(gaps),
  width: innerWidth, height: innerHeight,
  ids: [...nodes.keys()],
  edges: edges.length, crossings,
  labels: labels.length,
  min_px: sizes.length ? sizes[0] : null,
  median_px: sizes.length ? sizes[Math.floor(sizes.length / 2)] : null,
  truncated: labels.filter(l => l.text.trim().endsWith('…')).length,
  identical: labels.filter(l => counts[l.text] > 1).length,
  below: partOf.filter(e => nodes.get(e.s)[1] > nodes.get(e.t)[1]).length,
  part_of: partOf.length,
};
"#;

struct Figures {
    drawn: usize,
    ended: usize,
    edges: u64,
    crossings: u64,
    labels: u64,
    min_px: f64,
    median_px: f64,
    truncated: u64,
    identical: u64,
    below: String,
    viewport: String,
    /// The height the regions span, in heights of the map's own box.
    screens: f64,
    /// Empty space between stacked regions, CSS px.
    gaps: u64,
}

async fn measure(dist: &Path, d: &Dataset, (w, h): (u32, u32), lang: &str) -> Figures {
    let server = Server::start(dist, HashMap::new());
    let b = Browser::start_with(&["--window-size=1600,1000"]).await;
    // The exact viewport (a headless window cannot be narrower than 500 px, and its size
    // includes the browser's own parts): Chromium's device emulation, a phone below 500 px.
    b.emulate(w, h, w < 500).await;
    b.client
        .goto(&server.url(&format!("?lang={lang}")))
        .await
        .expect("open the page");
    // The old build has no data-layout attribute after the first layout: fall back to ready.
    b.wait_until(
        &format!("({READY}) || (document.documentElement.dataset.mapReady === 'true' && !document.querySelector('svg.map-canvas')?.dataset.layout)"),
        120,
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let v: Value = b.client.execute(MEASURE, vec![]).await.expect("measure");
    b.close().await;
    let ids: Vec<String> = serde_json::from_value(v["ids"].clone()).unwrap_or_default();
    let as_of = d.manifest.as_of;
    let ended = ids
        .iter()
        .filter(|id| {
            d.nodes
                .iter()
                .find(|n| &n.id == *id)
                .and_then(|n| n.until)
                .is_some_and(|u| u.start() <= as_of.start())
        })
        .count();
    let n = |k: &str| v[k].as_u64().unwrap_or(0);
    let part_of = n("part_of");
    Figures {
        drawn: ids.len(),
        ended,
        edges: n("edges"),
        crossings: n("crossings"),
        labels: n("labels"),
        min_px: v["min_px"].as_f64().unwrap_or(f64::NAN),
        median_px: v["median_px"].as_f64().unwrap_or(f64::NAN),
        truncated: n("truncated"),
        identical: n("identical"),
        below: if part_of == 0 {
            "n/a".into()
        } else {
            format!("{:.0}%", 100.0 * n("below") as f64 / part_of as f64)
        },
        viewport: format!("{}x{}", n("width"), n("height")),
        screens: v["screens"].as_f64().unwrap_or(f64::NAN),
        gaps: n("gaps"),
    }
}

fn print(name: &str, f: &Figures) {
    println!(
        "  {:<26} {:>9} {:>6} {:>5} {:>6} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>6}",
        name,
        f.viewport,
        f.drawn,
        f.ended,
        f.edges,
        format!(
            "{} ({:.1})",
            f.crossings,
            f.crossings as f64 / f.edges.max(1) as f64
        ),
        f.labels,
        format!("{:.1}", f.min_px),
        format!("{:.1}", f.median_px),
        f.truncated,
        f.identical,
        f.below,
        format!("{:.2}", f.screens),
        f.gaps,
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let dist = PathBuf::from(std::env::var("ALLIANCE_MAP_DIST").expect("ALLIANCE_MAP_DIST"));
    let mut builds = vec![("this build", dist)];
    if let Ok(base) = std::env::var("BASELINE_DIST") {
        builds.insert(0, ("baseline", PathBuf::from(base)));
    }
    println!(
        "\n  {:<26} {:>9} {:>6} {:>5} {:>6} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>6}",
        "first view",
        "viewport",
        "bodies",
        "ended",
        "rels",
        "cross(/r)",
        "labels",
        "min px",
        "med px",
        "cut…",
        "same",
        "below",
        "screens",
        "gaps"
    );
    for (name, dir) in &builds {
        // Each build with its own data: which bodies had ended is its data's answer.
        let data = dir.join("data");
        let d = load_with("manifest.json", |n| {
            std::fs::read_to_string(data.join(n)).map_err(|e| e.to_string())
        })
        .expect("the data in the build loads")
        .dataset;
        for size in [(1440, 900), (390, 844)] {
            for lang in ["en", "ja"] {
                let f = measure(dir, &d, size, lang).await;
                print(&format!("{name} {lang}"), &f);
            }
        }
    }
    println!(
        "\n  goals: 0 ended; every label >= 11 px; 0 cut; 0 the same; <= 1.0 crossing per \
         relation; >= 40 labels at 1440x900 and >= 12 at 390x844; children below parents 100%"
    );
}
