//! alliance-force against d3-force itself: the same graph, the same configuration, the same
//! start, 300 ticks; the two layouts must have the same shape.
//!
//! Needs Node.js and d3-force in `<repo>/.tools/node_modules` (`cargo xtask test` installs it;
//! so does `cargo xtask bench layout`). Without them the test fails rather than skips: a silent
//! skip would let the engine drift away from d3 unnoticed.
//!
//! The random jiggle (only used for coincident points) differs between the engines, so exact
//! equality is not expected; what is compared are two summary figures of the final layout.

use std::path::{Path, PathBuf};
use std::process::Command;

use alliance_force::{Center, Link, ManyBody, Simulation};

const TICKS: usize = 300;
/// The graph: a seeded random tree over 300 nodes plus 100 extra edges.
const NODES: usize = 300;
const EXTRA_EDGES: usize = 100;
const GRAPH_SEED: u32 = 2024;
/// Largest relative difference allowed on each figure: 1.5%.
///
/// Measured (rustc 1.95, Node 20, d3-force 3.0.1): on this graph alliance-force is 0.17% below
/// d3 on the mean edge length and 0.06% above it on the mean distance from the centre; over
/// twelve graphs of this size the largest gap was 0.64%. The gap is not in the semantics: at theta 0
/// (exact sums) every position agrees with d3's to within 1e-8 after 300 ticks, but their Barnes–Hut quadtrees
/// divide space differently (d3 grows its root from integer corners by powers of two), so the
/// approximated forces differ slightly and the layouts settle a little differently. On small
/// graphs that can send a branch to another side (60 nodes: gaps up to 6.5%), hence 300 nodes.
///
/// What 1.5% still catches, measured on this graph: charge -33 instead of -30 (+4%), link
/// distance 33 instead of 30 (+1.7%), velocity decay 0.3 or 0.5 instead of 0.4 (2.6% / 7.5%),
/// link strength 1 instead of d3's 1/min(degree) (-29%).
const TOLERANCE: f64 = 0.015;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// A seeded tree over `nodes` nodes (the parent of i is uniform in [0, i)) plus `extra` distinct
/// extra edges without self-loops.
fn graph(nodes: usize, extra: usize, seed: u32) -> Vec<(usize, usize)> {
    // mulberry32, as in bench/layout.mjs.
    let mut state = seed;
    let mut below = |k: usize| {
        state = state.wrapping_add(0x6d2b_79f5);
        let mut t = state;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        (f64::from(t ^ (t >> 14)) / 4_294_967_296.0 * k as f64) as usize
    };
    let mut links: Vec<(usize, usize)> = (1..nodes).map(|i| (below(i), i)).collect();
    while links.len() < nodes - 1 + extra {
        let (s, t) = (below(nodes), below(nodes));
        if s != t
            && !links
                .iter()
                .any(|&(a, b)| (a, b) == (s, t) || (a, b) == (t, s))
        {
            links.push((s, t));
        }
    }
    links
}

/// (mean edge length, mean distance from the centre)
fn figures(positions: &[(f64, f64)], links: &[(usize, usize)]) -> (f64, f64) {
    let edge = links
        .iter()
        .map(|&(s, t)| (positions[s].0 - positions[t].0).hypot(positions[s].1 - positions[t].1))
        .sum::<f64>()
        / links.len() as f64;
    let centre = positions.iter().map(|&(x, y)| x.hypot(y)).sum::<f64>() / positions.len() as f64;
    (edge, centre)
}

fn alliance(nodes: usize, links: &[(usize, usize)], seed: u32) -> (f64, f64) {
    let mut sim = Simulation::new(Simulation::phyllotaxis(nodes), seed);
    sim.add_force(ManyBody::new(-30.0));
    sim.add_force(Link::new(links.to_vec(), 30.0));
    sim.add_force(Center { x: 0.0, y: 0.0 });
    for _ in 0..TICKS {
        sim.tick();
    }
    let positions: Vec<(f64, f64)> = sim.bodies.iter().map(|b| (b.x, b.y)).collect();
    figures(&positions, links)
}

const INSTALL: &str = "`cargo xtask test` installs d3-force into .tools (or run \
    `npm install --prefix .tools --no-audit --no-fund d3-force@3` in the repository root)";

fn d3(nodes: usize, links: &[(usize, usize)]) -> (f64, f64) {
    let root = repo_root();
    assert!(
        root.join(".tools/node_modules/d3-force/package.json")
            .exists(),
        "d3-force is missing from {}: {INSTALL}",
        root.join(".tools/node_modules").display()
    );
    let pairs: Vec<String> = links.iter().map(|(s, t)| format!("[{s},{t}]")).collect();
    let json = format!(
        "{{\"nodes\":{nodes},\"ticks\":{TICKS},\"links\":[{}]}}",
        pairs.join(",")
    );
    let file = std::env::temp_dir().join(format!(
        "alliance-force-d3-agreement-{}.json",
        std::process::id()
    ));
    std::fs::write(&file, json).expect("writing the graph to a temporary file");
    let out = Command::new("node")
        .arg(root.join("bench/d3_reference.mjs"))
        .arg(&file)
        .current_dir(&root)
        .output();
    let _ = std::fs::remove_file(&file);
    let out = out.unwrap_or_else(|e| {
        panic!("could not run `node` (Node.js 20 is needed for this test; {INSTALL}): {e}")
    });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node bench/d3_reference.mjs failed ({}): {}{}\n{INSTALL}",
        out.status,
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    (
        number(&stdout, "mean_edge_length"),
        number(&stdout, "mean_distance_from_centre"),
    )
}

/// The number after `"key":` in a one-line JSON object.
fn number(json: &str, key: &str) -> f64 {
    let pattern = format!("\"{key}\":");
    let at = json
        .find(&pattern)
        .unwrap_or_else(|| panic!("no {key} in the d3 output: {json}"))
        + pattern.len();
    let rest = &json[at..];
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    rest[..end]
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("{key} in the d3 output is not a number ({e}): {json}"))
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn a_layout_has_the_same_shape_as_d3_forces() {
    let links = graph(NODES, EXTRA_EDGES, GRAPH_SEED);
    let (d3_edge, d3_centre) = d3(NODES, &links);
    let (edge, centre) = alliance(NODES, &links, 1);
    println!(
        "mean edge length {edge:.4} (d3 {d3_edge:.4}, {:+.3}%), mean distance from the centre {centre:.4} (d3 {d3_centre:.4}, {:+.3}%)",
        100.0 * (edge / d3_edge - 1.0),
        100.0 * (centre / d3_centre - 1.0)
    );
    assert!(
        relative(edge, d3_edge) <= TOLERANCE,
        "mean edge length {edge} differs from d3's {d3_edge} by more than {}%",
        100.0 * TOLERANCE
    );
    assert!(
        relative(centre, d3_centre) <= TOLERANCE,
        "mean distance from the centre {centre} differs from d3's {d3_centre} by more than {}%",
        100.0 * TOLERANCE
    );
}
