//! The first view answers "how does each country organize itself": today's bodies, the top of
//! each chart opened to what fits, structure and alliance ties only, labels that are never cut
//! and never alike, and a picture whose relations barely cross.

mod common;

use alliance_map::graph::hierarchy::Hierarchy;
use alliance_map::graph::layers::Layer;
use alliance_map::graph::view::{
    first_view_budget, map_size, scope, visible, visible_in, DEFAULT_BUDGET,
};
use alliance_map::graph::AllianceGraph;
use alliance_map::layout::labels::Labels;
use alliance_map::layout::organization::{self, Frame};
use alliance_map::model::{Dataset, EdgeKind, NodeKind};
use alliance_map::view::{Lang, ViewState};

fn setup() -> (Dataset, AllianceGraph) {
    let d = common::bundled().dataset;
    let g = AllianceGraph::build(&d);
    (d, g)
}

fn ids(d: &Dataset, on: &[bool]) -> Vec<String> {
    d.nodes
        .iter()
        .zip(on)
        .filter(|(_, &s)| s)
        .map(|(n, _)| n.id.clone())
        .collect()
}

fn view(q: &str) -> ViewState {
    let (v, notices) = ViewState::parse(q);
    assert!(notices.is_empty(), "{notices:?}");
    v
}

#[test]
fn with_no_date_the_map_shows_the_data_as_of_today_and_all_dates_only_when_asked() {
    let (d, g) = setup();
    let today = scope(&d, &g, &view(""));
    let as_of = d.manifest.as_of.start();
    for (n, _) in d.nodes.iter().zip(&today.nodes).filter(|(_, &s)| s) {
        assert!(
            n.until.is_none_or(|u| u.start() > as_of),
            "{} ended before the data's date but is shown",
            n.id
        );
    }
    let held = ids(&d, &today.nodes);
    assert!(held.contains(&"jp-nco".into()) && !held.contains(&"jp-nisc".into()));
    let all = ids(&d, &scope(&d, &g, &view("date=all")).nodes);
    assert!(all.contains(&"jp-nisc".into()) && all.len() > held.len());
}

#[test]
fn the_first_view_opens_the_charts_from_the_top_within_its_budget() {
    let (d, g) = setup();
    let v = view("");
    let s = scope(&d, &g, &v);
    for budget in [30, 60, 100, 160] {
        let vis = visible_in(&d, &g, &v, &s, &[], budget);
        let roots_only = visible_in(&d, &g, &view("open="), &s, &[], budget).node_count();
        assert!(
            vis.node_count() <= budget.max(roots_only),
            "{} bodies drawn for a budget of {budget}",
            vis.node_count()
        );
        // Every drawn body's parent is drawn and open: the chart is cut at a level, not holed.
        for (k, e) in d.edges.iter().enumerate() {
            if e.kind != EdgeKind::PartOf || !vis.related[k] {
                continue;
            }
            let parent = g.node_index(&e.target).unwrap();
            assert!(vis.nodes[parent]);
        }
    }
    let big = visible_in(&d, &g, &v, &s, &[], 100).node_count();
    let small = visible_in(&d, &g, &v, &s, &[], 30).node_count();
    assert!(
        small < big,
        "a phone draws fewer bodies ({small}) than a desktop ({big})"
    );
    // Laws, strategies and multilateral forums wait for their layer.
    let vis = visible(&d, &g, &v);
    for (n, _) in d.nodes.iter().zip(&vis.nodes).filter(|(_, &s)| s) {
        assert!(
            Layer::of_node(n.kind).is_none(),
            "{} ({:?}) drawn in the first view",
            n.id,
            n.kind
        );
    }
}

#[test]
fn a_folded_body_opens_to_its_sub_units_and_says_how_many_it_holds() {
    let (d, g) = setup();
    let s = scope(&d, &g, &view(""));
    let top = visible_in(&d, &g, &view("open="), &s, &[], DEFAULT_BUDGET);
    let dhs = g.node_index("us-dhs").unwrap();
    let cisa = g.node_index("us-cisa").unwrap();
    // With nothing open, DHS sits folded under the top of the US chart... if it is at the
    // top; otherwise open its parents first.
    let mut q = String::from("open=");
    let h = Hierarchy::new(&d, &g, &s.nodes, &s.edges);
    let mut chain = vec![];
    let mut at = dhs;
    while let Some(&p) = h.parents(at).first() {
        chain.push(d.nodes[p].id.clone());
        at = p;
    }
    q.push_str(&chain.join(","));
    let closed = visible_in(&d, &g, &view(&q), &s, &[], DEFAULT_BUDGET);
    assert!(closed.nodes[dhs] && !closed.nodes[cisa]);
    assert!(closed.folded[dhs] > 0);
    assert_eq!(closed.fold_state(&d, &g, dhs), Some(false));
    let opened = visible_in(
        &d,
        &g,
        &view(&format!("{q},us-dhs")),
        &s,
        &[],
        DEFAULT_BUDGET,
    );
    assert!(opened.nodes[cisa]);
    assert_eq!(opened.fold_state(&d, &g, dhs), Some(true));
    // Opening DHS draws exactly its direct sub-units that exist today.
    let added = opened.node_count() - closed.node_count();
    assert_eq!(added, h.children(dhs).len());
    assert!(top.node_count() <= closed.node_count());
    // open=all draws the whole scope (but for layers that are off).
    let all = visible_in(&d, &g, &view("open=all"), &s, &[], DEFAULT_BUDGET);
    assert_eq!(all.folded.iter().sum::<usize>(), 0);
    assert!(all.nodes[cisa]);
}

#[test]
fn a_selected_body_is_drawn_with_the_chart_opened_down_to_it() {
    let (d, g) = setup();
    let deep = view("open=&select=us-cisa");
    let vis = visible(&d, &g, &deep);
    let cisa = g.node_index("us-cisa").unwrap();
    let dhs = g.node_index("us-dhs").unwrap();
    assert!(vis.nodes[cisa] && vis.nodes[dhs]);
    // A law selected from the search is drawn although its layer is off.
    let law = d
        .nodes
        .iter()
        .position(|n| n.kind == NodeKind::Law && n.until.is_none())
        .unwrap();
    let vis = visible(&d, &g, &view(&format!("select={}", d.nodes[law].id)));
    assert!(vis.nodes[law]);
}

#[test]
fn relations_drawn_in_full_are_those_of_the_layers_that_are_on() {
    let (d, g) = setup();
    let layer = Layer::of_edges(&d, &g);
    let first = visible(&d, &g, &view(""));
    for k in (0..d.edges.len()).filter(|&k| first.edges[k]) {
        assert!(Layer::DEFAULT.contains(&layer[k]), "{:?} drawn", d.edges[k]);
    }
    assert!(first
        .edges
        .iter()
        .zip(&layer)
        .any(|(&on, l)| on && *l == Layer::Alliance));
    // Relations of the other layers are still there for the body in hand.
    assert!(first.related.iter().filter(|&&r| r).count() > first.edge_count());
    let legal = visible(&d, &g, &view("layers=structure,legal"));
    assert!(d
        .nodes
        .iter()
        .zip(&legal.nodes)
        .any(|(n, &on)| on && n.kind == NodeKind::Law));
    assert!(legal
        .edges
        .iter()
        .zip(&layer)
        .any(|(&on, l)| on && *l == Layer::LegalBasis));
}

#[test]
fn no_label_is_cut_and_no_two_read_the_same() {
    let (d, _) = setup();
    for lang in [Lang::En, Lang::Ja] {
        let labels = Labels::new(&d, lang);
        let mut seen = std::collections::HashMap::new();
        for i in 0..labels.len() {
            let t = labels.text(i);
            assert!(!t.ends_with('…'), "cut: {t}");
            if let Some(j) = seen.insert(t.to_string(), i) {
                panic!(
                    "{} and {} both read \"{t}\" in {lang:?}",
                    d.nodes[j].id, d.nodes[i].id
                );
            }
        }
    }
}

/// A straight relation: its two ends' positions and the two bodies.
type Segment = ((f64, f64), (f64, f64), usize, usize);

/// Crossings between straight segments that share no end.
fn crossings(segments: &[Segment]) -> usize {
    let o = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        ((q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)).signum()
    };
    let mut n = 0;
    for (i, a) in segments.iter().enumerate() {
        for b in &segments[i + 1..] {
            if a.2 == b.2 || a.2 == b.3 || a.3 == b.2 || a.3 == b.3 {
                continue;
            }
            if o(a.0, a.1, b.0) * o(a.0, a.1, b.1) < 0.0
                && o(b.0, b.1, a.0) * o(b.0, b.1, a.1) < 0.0
            {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn the_first_view_is_laid_out_with_children_below_parents_and_few_crossings() {
    let (d, g) = setup();
    // The two screens of the legibility benchmark, with the budget the map gives them.
    for (screen, lang) in [
        ((1440.0, 900.0), Lang::En),
        ((1440.0, 900.0), Lang::Ja),
        ((390.0, 844.0), Lang::En),
        ((390.0, 844.0), Lang::Ja),
    ] {
        let (width, height) = map_size(screen.0, screen.1);
        let budget = first_view_budget((width, height));
        let vis = visible_in(&d, &g, &view(""), &scope(&d, &g, &view("")), &[], budget);
        // Exactly what the map does (src/ui/settle.rs): lay out the part that is drawn.
        let part = organization::part(&d, &vis.nodes, &vis.edges);
        let pg = AllianceGraph::build(&part);
        let frame = Frame::for_screen(&part, &pg, lang, width, height);
        let mut sim = organization::simulation(&part, &pg, &frame, 0x0a11_1a9e);
        sim.run(400);
        sim.enforce(2000);
        let pos: Vec<(f64, f64)> = sim.bodies.iter().map(|b| (b.x, b.y)).collect();
        let segments: Vec<_> = part
            .edges
            .iter()
            .filter_map(|e| {
                let (s, t) = (pg.node_index(&e.source)?, pg.node_index(&e.target)?);
                Some((pos[s], pos[t], s, t))
            })
            .collect();
        let c = crossings(&segments);
        let per = c as f64 / segments.len().max(1) as f64;
        println!(
            "budget {budget} {lang:?} {width}px: {} bodies, {} relations, {c} crossings ({per:.2} each)",
            part.nodes.len(),
            segments.len()
        );
        assert!(per <= 1.0, "{c} crossings for {} relations", segments.len());
        for e in part.edges.iter().filter(|e| e.kind == EdgeKind::PartOf) {
            let (c, p) = (
                pg.node_index(&e.source).unwrap(),
                pg.node_index(&e.target).unwrap(),
            );
            assert!(pos[c].1 > pos[p].1, "{} not below {}", e.source, e.target);
        }
    }
}
