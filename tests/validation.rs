//! Every kind of error the validator knows is reported with its file and JSON path, and the
//! records that can still be drawn are kept.

use std::collections::HashMap;

use alliance_map::model::{load_with, DatasetBuilder};
use serde_json::{json, Value};

fn manifest() -> Value {
    json!({
        "schema_version": 1,
        "title": { "en": "Test" },
        "as_of": "2026-01-01",
        "countries": [ { "id": "us", "name": { "en": "United States" }, "color": "#112233" } ],
        "files": ["a.json"]
    })
}

fn source() -> Value {
    json!([{ "url": "https://example.org/a", "title": "A page", "accessed": "2026-01-01" }])
}

fn node(id: &str) -> Value {
    json!({ "id": id, "country": "us", "kind": "agency", "name": { "en": id }, "roles": [], "since": "2020", "sources": source() })
}

fn edge(s: &str, t: &str, kind: &str) -> Value {
    json!({ "source": s, "target": t, "kind": kind, "sources": source() })
}

fn base() -> Value {
    json!({ "nodes": [node("us-a"), node("us-b"), node("us-c")], "edges": [edge("us-a", "us-b", "part_of")] })
}

/// Runs the loader on a manifest and files; returns (problem lines, nodes kept, edges kept).
fn check(manifest: &Value, files: &[(&str, String)]) -> (Vec<String>, usize, usize) {
    let mut texts: HashMap<String, String> = files
        .iter()
        .map(|(n, t)| (n.to_string(), t.clone()))
        .collect();
    texts.insert("manifest.json".into(), manifest.to_string());
    match load_with("manifest.json", |name| {
        texts
            .get(name)
            .cloned()
            .ok_or_else(|| "file not found".to_string())
    }) {
        Ok(l) => (
            l.problems.iter().map(|p| p.to_string()).collect(),
            l.dataset.nodes.len(),
            l.dataset.edges.len(),
        ),
        Err(p) => (p.iter().map(|p| p.to_string()).collect(), 0, 0),
    }
}

fn with_file(file: Value) -> (Vec<String>, usize, usize) {
    check(&manifest(), &[("a.json", file.to_string())])
}

fn assert_reports(problems: &[String], expected: &str) {
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "expected a problem containing {expected:?}, got {problems:#?}"
    );
}

#[test]
fn a_valid_dataset_has_no_problems() {
    let (p, nodes, edges) = with_file(base());
    assert!(p.is_empty(), "{p:?}");
    assert_eq!((nodes, edges), (3, 1));
}

#[test]
fn malformed_json_names_line_and_column() {
    let (p, _, _) = check(
        &manifest(),
        &[(
            "a.json",
            "{\n  \"nodes\": [\n    { \"id\": \"us-a\", }\n  ]\n}".into(),
        )],
    );
    assert_reports(
        &p,
        "a.json: line 3, column 21: malformed JSON: trailing comma",
    );
}

#[test]
fn a_cut_off_file_is_reported() {
    let text = base().to_string();
    let (p, _, _) = check(
        &manifest(),
        &[("a.json", text[..text.len() / 2].to_string())],
    );
    assert_reports(&p, "a.json: line 1");
    assert_reports(&p, "ends too early");
}

#[test]
fn wrong_type_names_the_path() {
    let mut f = base();
    f["nodes"][1]["roles"] = json!("incident_response");
    let (p, nodes, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[1].roles: wrong type");
    assert_eq!(nodes, 2, "the other nodes are kept");
}

#[test]
fn unknown_field_is_reported() {
    let mut f = base();
    f["nodes"][0]["colour"] = json!("red");
    let (p, _, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[0]");
    assert_reports(&p, "unknown field `colour`");
}

#[test]
fn unknown_top_level_field_is_reported() {
    let mut f = base();
    f["organisations"] = json!([]);
    let (p, _, _) = with_file(f);
    assert_reports(&p, "a.json: $.organisations: unknown field");
}

#[test]
fn missing_field_is_reported() {
    let mut f = base();
    f["nodes"][2].as_object_mut().unwrap().remove("since");
    let (p, _, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[2]: missing field `since`");
}

#[test]
fn unknown_kind_role_and_relation_are_reported() {
    let mut f = base();
    f["nodes"][0]["kind"] = json!("ministery");
    f["nodes"][1]["roles"] = json!(["hacking"]);
    f["edges"][0]["kind"] = json!("reports_to");
    let (p, _, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[0].kind: unknown value `ministery`");
    assert_reports(&p, "a.json: $.nodes[1].roles[0]: unknown value `hacking`");
    assert_reports(&p, "a.json: $.edges[0].kind: unknown value `reports_to`");
}

#[test]
fn unknown_country_is_reported() {
    let mut f = base();
    f["nodes"][0]["country"] = json!("uk");
    let (p, nodes, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[0].country: unknown country \"uk\"");
    assert_eq!(nodes, 2);
}

#[test]
fn duplicate_id_names_both_places() {
    let mut m = manifest();
    m["files"] = json!(["a.json", "b.json"]);
    let b = json!({ "nodes": [node("us-x"), node("us-a")] });
    let (p, nodes, _) = check(
        &m,
        &[("a.json", base().to_string()), ("b.json", b.to_string())],
    );
    assert_reports(
        &p,
        "b.json: $.nodes[1].id: duplicate id \"us-a\": already used at a.json: $.nodes[0]",
    );
    assert_eq!(nodes, 4);
}

#[test]
fn edge_to_a_missing_node_is_reported_and_dropped() {
    let mut f = base();
    f["edges"] = json!([
        edge("us-a", "us-zzz", "oversees"),
        edge("us-b", "us-c", "oversees")
    ]);
    let (p, _, edges) = with_file(f);
    assert_reports(
        &p,
        "a.json: $.edges[0].target: edge target \"us-zzz\" is not a node",
    );
    assert_eq!(edges, 1);
}

#[test]
fn self_loop_is_reported() {
    let mut f = base();
    f["edges"] = json!([edge("us-a", "us-a", "oversees")]);
    let (p, _, edges) = with_file(f);
    assert_reports(&p, "a.json: $.edges[0]: \"us-a\" oversees itself");
    assert_eq!(edges, 0);
}

#[test]
fn part_of_cycle_is_reported() {
    let mut f = base();
    f["edges"] = json!([
        edge("us-a", "us-b", "part_of"),
        edge("us-b", "us-c", "part_of"),
        edge("us-c", "us-a", "part_of"),
        edge("us-a", "us-c", "oversees")
    ]);
    let (p, _, edges) = with_file(f);
    assert_reports(&p, "a.json: $.edges[2]: part_of cycle");
    assert_eq!(
        edges, 1,
        "the cycle's part_of edges are dropped, the rest kept"
    );
}

#[test]
fn until_before_since_is_reported() {
    let mut f = base();
    f["nodes"][0]["since"] = json!("2020-05");
    f["nodes"][0]["until"] = json!("2019");
    f["edges"][0]["since"] = json!("2021-01-01");
    f["edges"][0]["until"] = json!("2020-12-31");
    let (p, nodes, _) = with_file(f);
    assert_reports(
        &p,
        "a.json: $.nodes[0].until: until 2019 is before since 2020-05",
    );
    assert_reports(
        &p,
        "a.json: $.edges[0].until: until 2020-12-31 is before since 2021-01-01",
    );
    assert_eq!(nodes, 3, "a date error does not hide the body");
}

#[test]
fn bad_dates_are_reported() {
    let mut f = base();
    f["nodes"][0]["since"] = json!("July 2025");
    f["nodes"][1]["since"] = json!("2025-02-30");
    let (p, _, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[0].since: \"July 2025\" is not a date");
    assert_reports(&p, "a.json: $.nodes[1].since: \"2025-02-30\" is not a day");
}

#[test]
fn missing_successor_is_reported() {
    let mut f = base();
    f["nodes"][0]["successor"] = json!("us-nobody");
    let (p, _, _) = with_file(f);
    assert_reports(
        &p,
        "a.json: $.nodes[0].successor: successor \"us-nobody\" is not a node",
    );
}

#[test]
fn non_http_urls_are_reported() {
    let mut f = base();
    f["nodes"][0]["website"] = json!("javascript:alert(1)");
    f["nodes"][1]["sources"][0]["url"] = json!("ftp://example.org/x");
    let (p, _, _) = with_file(f);
    assert_reports(
        &p,
        "a.json: $.nodes[0].website: \"javascript:alert(1)\" is not an http(s) URL",
    );
    assert_reports(
        &p,
        "a.json: $.nodes[1].sources[0].url: \"ftp://example.org/x\" is not an http(s) URL",
    );
}

#[test]
fn missing_sources_are_reported() {
    let mut f = base();
    f["nodes"][0]["sources"] = json!([]);
    f["edges"][0]["sources"] = json!([]);
    let (p, _, _) = with_file(f);
    assert_reports(
        &p,
        "a.json: $.nodes[0].sources: at least one source is required",
    );
    assert_reports(
        &p,
        "a.json: $.edges[0].sources: at least one source is required",
    );
}

#[test]
fn empty_name_is_reported() {
    let mut f = base();
    f["nodes"][0]["name"] = json!({ "en": "  " });
    f["nodes"][1]["name"] = json!({ "en": "B", "ja": "" });
    let (p, nodes, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[0].name.en: empty name");
    assert_reports(&p, "a.json: $.nodes[1].name.ja: empty Japanese text");
    assert_eq!(nodes, 2);
}

#[test]
fn bad_ids_are_reported() {
    let mut f = base();
    f["nodes"][0]["id"] = json!("US_CISA");
    let (p, _, _) = with_file(f);
    assert_reports(&p, "a.json: $.nodes[0].id: \"US_CISA\" is not a valid id");
}

#[test]
fn wrong_schema_version_is_reported() {
    let mut m = manifest();
    m["schema_version"] = json!(2);
    let (p, _, _) = check(&m, &[("a.json", base().to_string())]);
    assert_reports(
        &p,
        "manifest.json: $.schema_version: schema_version 2 is not supported",
    );
}

#[test]
fn a_listed_file_that_is_missing_is_reported_and_the_rest_load() {
    let mut m = manifest();
    m["files"] = json!(["a.json", "gone.json"]);
    let (p, nodes, _) = check(&m, &[("a.json", base().to_string())]);
    assert_reports(&p, "gone.json: $: could not be loaded: file not found");
    assert_eq!(nodes, 3);
}

#[test]
fn an_empty_dataset_is_reported() {
    let (p, nodes, _) = with_file(json!({}));
    assert_reports(&p, "the dataset has no nodes");
    assert_eq!(nodes, 0);
}

#[test]
fn a_file_that_is_not_an_object_is_reported() {
    let (p, _, _) = with_file(json!([node("us-a")]));
    assert_reports(&p, "a.json: $: a data file must be an object");
}

#[test]
fn manifest_problems_are_located() {
    let mut m = manifest();
    m["countries"][0]["color"] = json!("blue");
    m["files"] = json!(["../secret.json"]);
    let (p, _, _) = check(&m, &[]);
    assert_reports(
        &p,
        "manifest.json: $.countries[0].color: \"blue\" is not a colour",
    );
    assert_reports(
        &p,
        "manifest.json: $.files[0]: \"../secret.json\" must be a plain path",
    );
}

#[test]
fn huge_values_are_clipped_in_messages() {
    let mut f = base();
    f["nodes"][0]["website"] = json!(format!("javascript:{}", "x".repeat(1_000_000)));
    let (p, _, _) = with_file(f);
    assert!(
        p.iter().all(|line| line.len() < 1_000),
        "a message repeats a megabyte of input"
    );
}

#[test]
fn a_dataset_over_the_body_limit_is_refused_before_its_records_are_read() {
    let manifest = r##"{ "schema_version": 1, "title": { "en": "T" }, "as_of": "2026-01-01",
      "countries": [ { "id": "us", "name": { "en": "United States" }, "color": "#2f5fb3" } ],
      "files": ["a.json", "b.json"] }"##;
    let node = |i: usize| {
        format!(
            r#"{{ "id": "us-{i}", "country": "us", "kind": "agency", "name": {{ "en": "B{i}" }}, "roles": [], "since": "2020", "sources": [{{ "url": "https://example.org/", "title": "E", "accessed": "2026-01-01" }}] }}"#
        )
    };
    let file = |range: std::ops::Range<usize>| {
        format!(
            r#"{{ "nodes": [{}] }}"#,
            range.map(node).collect::<Vec<_>>().join(",")
        )
    };
    let mut b = DatasetBuilder::from_manifest("manifest.json", Ok(manifest.to_string())).unwrap();
    b.limit_bodies(5);
    b.add_file(0, &file(0..3));
    assert_eq!(b.over_limit(), None, "3 of 5");
    b.add_file(1, &file(3..9));
    assert_eq!(b.over_limit(), Some(9), "counted across files");
    // The records of the file that crossed the limit were not read.
    let loaded = b.finish();
    let ids: Vec<&str> = loaded.dataset.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["us-0", "us-1", "us-2"]);
}
