//! Views, search and paths on the real dataset answer the questions readers bring.

mod common;

use alliance_map::graph::paths::shortest_paths;
use alliance_map::graph::search::search;
use alliance_map::graph::view::{scope, visible};
use alliance_map::graph::AllianceGraph;
use alliance_map::model::{EdgeKind, NodeKind};
use alliance_map::view::ViewState;

fn setup() -> (alliance_map::model::Dataset, AllianceGraph) {
    let d = common::bundled().dataset;
    let g = AllianceGraph::build(&d);
    (d, g)
}

/// The bodies a view holds (its date, filters and focus), whether or not the map has them
/// folded away.
fn shown(d: &alliance_map::model::Dataset, g: &AllianceGraph, query: &str) -> Vec<String> {
    let (v, notices) = ViewState::parse(query);
    assert!(notices.is_empty(), "{notices:?}");
    let vis = scope(d, g, &v);
    d.nodes
        .iter()
        .zip(&vis.nodes)
        .filter(|(_, &s)| s)
        .map(|(n, _)| n.id.clone())
        .collect()
}

#[test]
fn a_date_in_2015_shows_nisc_and_not_its_successor_and_2026_the_reverse() {
    let (d, g) = setup();
    let in2015 = shown(&d, &g, "date=2015-06-01");
    assert!(in2015.contains(&"jp-nisc".to_string()) && !in2015.contains(&"jp-nco".to_string()));
    let in2026 = shown(&d, &g, "date=2026-01-15");
    assert!(!in2026.contains(&"jp-nisc".to_string()) && in2026.contains(&"jp-nco".to_string()));
    // The set-up grew with the reforms: fewer bodies then, but far from none.
    assert!(
        in2015.len() * 2 > in2026.len() && in2015.len() < in2026.len(),
        "{} bodies in 2015, {} in 2026",
        in2015.len(),
        in2026.len()
    );
}

#[test]
fn edges_at_a_date_join_only_bodies_that_exist_then() {
    let (d, g) = setup();
    let (v, _) = ViewState::parse("date=2016-01-01");
    let vis = scope(&d, &g, &v);
    for (k, e) in d.edges.iter().enumerate().filter(|(k, _)| vis.edges[*k]) {
        let (s, t) = (
            g.node_index(&e.source).unwrap(),
            g.node_index(&e.target).unwrap(),
        );
        assert!(
            vis.nodes[s] && vis.nodes[t],
            "edge {k} {} -> {} shown without its ends",
            e.source,
            e.target
        );
    }
}

#[test]
fn filters_by_country_kind_and_role_combine() {
    let (d, g) = setup();
    let jp_military = shown(&d, &g, "country=jp&kind=military");
    assert!(!jp_military.is_empty());
    for id in &jp_military {
        let n = d.nodes.iter().find(|n| &n.id == id).unwrap();
        assert!(n.country == "jp" && n.kind == NodeKind::Military);
    }
    assert!(jp_military.contains(&"jp-jsdf-cdc".to_string()));
    let ir = shown(&d, &g, "role=incident_response");
    assert!(ir.contains(&"us-cisa".to_string()) && !ir.contains(&"us-cong".to_string()));
}

#[test]
fn focus_shows_a_neighbourhood_that_grows_with_depth() {
    let (d, g) = setup();
    let one = shown(&d, &g, "focus=us-cisa&depth=1");
    let two = shown(&d, &g, "focus=us-cisa&depth=2");
    assert!(one.contains(&"us-cisa".to_string()) && one.contains(&"us-dhs".to_string()));
    assert!(one.len() < two.len() && two.len() < d.nodes.len());
    let cisa = g.node_index("us-cisa").unwrap();
    for id in &one {
        let i = g.node_index(id).unwrap();
        assert!(
            i == cisa || g.neighbours(cisa).contains(&i),
            "{id} is not a neighbour of CISA"
        );
    }
}

#[test]
fn search_finds_by_acronym_english_and_japanese_names() {
    let (d, _) = setup();
    let first = |q: &str| search(&d, q).first().map(|&i| d.nodes[i].id.clone());
    assert_eq!(first("CISA").as_deref(), Some("us-cisa"));
    assert_eq!(first("nco").as_deref(), Some("jp-nco"));
    assert_eq!(first("国家サイバー統括室").as_deref(), Some("jp-nco"));
    assert!(search(&d, "cyber command")
        .iter()
        .any(|&i| d.nodes[i].id == "us-uscybercom"));
    assert!(search(&d, "zzzz-nothing").is_empty());
}

#[test]
fn a_path_joins_cisa_to_japans_cyber_office_and_respects_relation_kinds() {
    let (d, g) = setup();
    let all = vec![true; d.edges.len()];
    let (from, to) = (
        g.node_index("us-cisa").unwrap(),
        g.node_index("jp-nco").unwrap(),
    );
    let paths = shortest_paths(&d, &g, from, to, &[], &all, 5);
    assert!(!paths.is_empty(), "CISA and the NCO are connected");
    for p in &paths {
        assert_eq!(p.last().unwrap().to, to);
        assert_eq!(p.len(), paths[0].len(), "all paths are shortest");
        // Each step follows a real relation touching the previous body.
        let mut at = from;
        for s in p {
            let e = &d.edges[s.edge];
            let (a, b) = (
                g.node_index(&e.source).unwrap(),
                g.node_index(&e.target).unwrap(),
            );
            assert!((a == at && b == s.to) || (b == at && a == s.to));
            at = s.to;
        }
    }
    // Over part_of alone, a US body never reaches a Japanese one.
    assert!(shortest_paths(&d, &g, from, to, &[EdgeKind::PartOf], &all, 5).is_empty());
}

#[test]
fn exports_hold_exactly_the_visible_bodies_and_relations_with_their_sources() {
    use alliance_map::export;
    let (d, g) = setup();
    let (v, _) = ViewState::parse("country=jp&date=2025-07-01");
    let vis = visible(&d, &g, &v);
    // What the map draws: Japan's chart opened to what fits, without laws.
    let ids: Vec<String> = d
        .nodes
        .iter()
        .zip(&vis.nodes)
        .filter(|(_, &s)| s)
        .map(|(n, _)| n.id.clone())
        .collect();
    assert!(ids.contains(&"jp-nco".to_string()));

    let bodies = common::csv_records(&export::bodies_csv(&d, &vis));
    assert_eq!(bodies[0][0], "id");
    let width = bodies[0].len();
    assert!(bodies.iter().all(|r| r.len() == width), "ragged CSV");
    let csv_ids: Vec<String> = bodies[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(csv_ids, ids, "one row per visible body, in dataset order");
    let sources = bodies[0].iter().position(|h| h == "sources").unwrap();
    assert!(bodies[1..].iter().all(|r| r[sources].starts_with("http")));
    let nco = bodies.iter().find(|r| r[0] == "jp-nco").unwrap();
    assert_eq!(
        nco[2], "内閣官房国家サイバー統括室",
        "Japanese names survive"
    );

    let relations = common::csv_records(&export::relations_csv(&d, &vis));
    assert_eq!(
        relations.len() - 1,
        vis.edges.iter().filter(|&&e| e).count()
    );

    let json: serde_json::Value = serde_json::from_str(&export::json(&d, &vis, &v)).unwrap();
    assert_eq!(json["as_of"], "2025-07-01");
    assert_eq!(json["view"], "country=jp&date=2025-07-01");
    let nodes = json["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), ids.len());
    assert!(nodes
        .iter()
        .all(|n| !n["sources"].as_array().unwrap().is_empty()));
    assert_eq!(json["edges"].as_array().unwrap().len(), relations.len() - 1);
    assert_eq!(
        export::file_name(export::as_of(&d, &v), Some("bodies"), "csv"),
        "alliance-map-2025-07-01-bodies.csv"
    );
}
