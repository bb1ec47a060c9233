//! Flows: the validator on broken flows, the bundled flows, and `story::flow` on a small
//! hand-made dataset.

mod common;

use std::collections::{HashMap, HashSet};

use alliance_map::model::{load_with, Dataset, Loaded, NodeKind};
use alliance_map::story::flow;
use serde_json::{json, Value};

fn manifest() -> Value {
    json!({
        "schema_version": 1,
        "title": { "en": "Test" },
        "as_of": "2026-01-01",
        "countries": [
            { "id": "us", "name": { "en": "United States" }, "color": "#112233" },
            { "id": "jp", "name": { "en": "Japan", "ja": "日本" }, "color": "#332211" }
        ],
        "files": ["a.json", "flows.json"]
    })
}

fn source() -> Value {
    json!([{ "url": "https://example.org/a", "title": "A page", "accessed": "2026-01-01" }])
}

fn node(id: &str, kind: &str, since: &str, until: Option<&str>) -> Value {
    let mut n = json!({
        "id": id, "country": id.split('-').next().unwrap(), "kind": kind,
        "name": { "en": format!("Body {id}"), "ja": "組織" }, "roles": [], "since": since,
        "sources": source()
    });
    if let Some(u) = until {
        n["until"] = json!(u);
    }
    n
}

fn bodies() -> Value {
    json!({
        "nodes": [
            node("us-a", "agency", "2010", None),
            node("us-b", "law_enforcement", "2010", None),
            node("us-old", "agency", "2010", Some("2020-06-01")),
            node("us-new", "agency", "2025-07-01", None),
            node("us-act", "law", "2015", None),
            node("us-plan", "strategy", "2012", Some("2018")),
            node("jp-c", "cert", "2000", None)
        ],
        "edges": [
            { "source": "us-b", "target": "us-a", "kind": "part_of", "sources": source() },
            { "source": "us-a", "target": "jp-c", "kind": "shares_information_with",
              "since": "2021", "sources": source() }
        ]
    })
}

fn step(from: &str, to: Option<&str>) -> Value {
    let mut s =
        json!({ "from": from, "action": { "en": "Acts.", "ja": "動く。" }, "sources": source() });
    if let Some(t) = to {
        s["to"] = json!(t);
    }
    s
}

fn a_flow(id: &str, date: &str, steps: Vec<Value>) -> Value {
    json!({
        "id": id, "title": { "en": format!("Flow {id}"), "ja": "フロー" },
        "summary": { "en": "What happens.", "ja": "何が起きるか。" },
        "country": "us", "date": date, "steps": steps, "sources": source()
    })
}

fn load(flows: Vec<Value>) -> Loaded {
    let files: HashMap<&str, String> = HashMap::from([
        ("manifest.json", manifest().to_string()),
        ("a.json", bodies().to_string()),
        ("flows.json", json!({ "flows": flows }).to_string()),
    ]);
    load_with("manifest.json", |name| {
        files
            .get(name)
            .cloned()
            .ok_or_else(|| "missing".to_string())
    })
    .expect("the manifest is valid")
}

fn lines(l: &Loaded) -> Vec<String> {
    l.problems.iter().map(|p| p.to_string()).collect()
}

fn flow_ids(l: &Loaded) -> Vec<&str> {
    l.dataset.flows.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn a_valid_flow_loads_without_problems() {
    let l = load(vec![a_flow(
        "us-ok",
        "2024",
        vec![step("us-a", Some("us-b")), step("us-b", None)],
    )]);
    assert!(l.problems.is_empty(), "{:?}", lines(&l));
    assert_eq!(flow_ids(&l), ["us-ok"]);
    assert_eq!(l.dataset.flows[0].steps.len(), 2);
}

#[test]
fn a_dangling_body_drops_the_flow_and_names_file_and_path() {
    let l = load(vec![
        a_flow(
            "us-ghost",
            "2024",
            vec![step("us-a", None), step("us-a", Some("us-nobody"))],
        ),
        a_flow("us-fine", "2024", vec![step("us-a", None)]),
    ]);
    assert_eq!(
        lines(&l),
        ["flows.json: $.flows[0].steps[1].to: body \"us-nobody\" is not a node of the dataset"]
    );
    assert_eq!(flow_ids(&l), ["us-fine"], "the rest stays");
    assert_eq!(l.dataset.nodes.len(), 7, "bodies are untouched");
}

#[test]
fn a_body_must_exist_on_the_flow_date() {
    let l = load(vec![
        a_flow("us-gone", "2021", vec![step("us-old", Some("us-a"))]),
        a_flow("us-early", "2025-06", vec![step("us-a", Some("us-new"))]),
        a_flow("us-then", "2019-12-31", vec![step("us-old", Some("us-a"))]),
        a_flow("us-now", "2025-07-01", vec![step("us-new", None)]),
    ]);
    assert_eq!(
        lines(&l),
        [
            "flows.json: $.flows[0].steps[0].from: body \"us-old\" did not exist on the flow's \
             date 2021 (since 2010, until 2020-06-01)",
            "flows.json: $.flows[1].steps[0].to: body \"us-new\" did not exist on the flow's \
             date 2025-06 (since 2025-07-01)",
        ]
    );
    assert_eq!(flow_ids(&l), ["us-then", "us-now"]);
}

#[test]
fn a_basis_must_be_a_law_or_strategy_in_force() {
    let with_basis = |id: &str, date: &str, basis: Value| {
        let mut s = step("us-a", None);
        s["basis"] = basis;
        a_flow(id, date, vec![s])
    };
    let l = load(vec![
        with_basis("us-law-and-strategy", "2016", json!(["us-act", "us-plan"])),
        with_basis("us-agency", "2024", json!(["us-act", "us-b"])),
        with_basis("us-unknown", "2024", json!(["us-nothing"])),
        with_basis("us-expired", "2024", json!(["us-plan"])),
    ]);
    assert_eq!(
        lines(&l),
        [
            "flows.json: $.flows[1].steps[0].basis[1]: basis \"us-b\" is of kind \
             law_enforcement, not a law or strategy",
            "flows.json: $.flows[2].steps[0].basis[0]: basis \"us-nothing\" is not a node of \
             the dataset",
            "flows.json: $.flows[3].steps[0].basis[0]: basis \"us-plan\" did not exist on the \
             flow's date 2024 (since 2012, until 2018)",
        ]
    );
    assert_eq!(flow_ids(&l), ["us-law-and-strategy"]);
}

#[test]
fn a_step_without_source_is_reported() {
    let mut bare = step("us-b", None);
    bare["sources"] = json!([]);
    let mut bad_url = step("us-a", None);
    bad_url["sources"] =
        json!([{ "url": "ftp://example.org/x", "title": "A page", "accessed": "2026-01-01" }]);
    let mut missing = step("us-a", None);
    missing.as_object_mut().unwrap().remove("sources");
    let l = load(vec![
        a_flow(
            "us-unsourced",
            "2024",
            vec![step("us-a", None), bare, bad_url],
        ),
        a_flow("us-no-sources-field", "2024", vec![missing]),
    ]);
    assert_eq!(
        lines(&l),
        [
            "flows.json: $.flows[1].steps[0]: missing field `sources`",
            "flows.json: $.flows[0].steps[1].sources: at least one source is required",
            "flows.json: $.flows[0].steps[2].sources[0].url: \"ftp://example.org/x\" is not an \
             http(s) URL",
        ]
    );
    // Like a node with a source problem, the flow is reported and kept; a flow that cannot
    // be read at all is dropped.
    assert_eq!(flow_ids(&l), ["us-unsourced"]);
}

#[test]
fn flow_ids_titles_and_steps_are_checked() {
    let mut untitled = a_flow("us-untitled", "2024", vec![step("us-a", None)]);
    untitled["title"] = json!({ "en": "" });
    let mut elsewhere = a_flow("kr-flow", "2024", vec![step("us-a", None)]);
    elsewhere["country"] = json!("kr");
    let l = load(vec![
        a_flow("us-twice", "2024", vec![step("us-a", None)]),
        a_flow("us-twice", "2024", vec![step("us-b", None)]),
        untitled,
        a_flow("us-empty", "2024", vec![]),
        elsewhere,
        a_flow("Not An Id", "2024", vec![step("us-a", None)]),
    ]);
    let got = lines(&l);
    for want in [
        "flows.json: $.flows[1].id: duplicate flow id \"us-twice\": already used at flows.json: $.flows[0]",
        "flows.json: $.flows[2].title.en: empty name",
        "flows.json: $.flows[3].steps: a flow needs at least one step",
        "flows.json: $.flows[4].country: unknown country \"kr\"",
        "flows.json: $.flows[5].id: \"Not An Id\" is not a valid id",
    ] {
        assert!(got.iter().any(|g| g.starts_with(want)), "{want:?} not in {got:#?}");
    }
    assert_eq!(got.len(), 5, "{got:#?}");
    assert_eq!(flow_ids(&l), ["us-twice"]);
}

#[test]
fn unknown_fields_in_a_flow_are_denied() {
    let mut s = step("us-a", None);
    s["deadline"] = json!("soon");
    let l = load(vec![a_flow("us-typo", "2024", vec![s])]);
    assert_eq!(
        lines(&l),
        [
            "flows.json: $.flows[0].steps[0].deadline: unknown field `deadline`, expected one of \
          `from`, `to`, `action`, `basis`, `within`, `note`, `sources`"
        ]
    );
    assert!(l.dataset.flows.is_empty());
}

// ---------------------------------------------------------------- story::flow

fn small() -> Dataset {
    let l = load(vec![
        a_flow(
            "us-story",
            "2024",
            vec![
                step("us-a", Some("us-b")),
                step("us-b", Some("us-a")),
                step("us-a", Some("jp-c")),
                step("jp-c", None),
            ],
        ),
        a_flow("us-before", "2019", vec![step("us-a", Some("jp-c"))]),
    ]);
    assert!(l.problems.is_empty(), "{:?}", lines(&l));
    l.dataset
}

fn index(d: &Dataset, id: &str) -> usize {
    d.nodes.iter().position(|n| n.id == id).unwrap()
}

#[test]
fn resolve_gives_node_indices_and_first_steps() {
    let d = small();
    let f = d.flow("us-story").unwrap();
    let r = flow::resolve(&d, f).expect("every body is in the dataset");
    let (a, b, c) = (index(&d, "us-a"), index(&d, "us-b"), index(&d, "jp-c"));
    assert_eq!(r.len(), 4);
    assert_eq!(
        r.steps
            .iter()
            .map(|s| (s.number, s.from, s.to))
            .collect::<Vec<_>>(),
        [
            (1, a, Some(b)),
            (2, b, Some(a)),
            (3, a, Some(c)),
            (4, c, None)
        ]
    );
    assert_eq!(r.first_step_of(a), Some(1));
    assert_eq!(r.first_step_of(b), Some(1));
    assert_eq!(r.first_step_of(c), Some(3));
    assert_eq!(r.first_step_of(index(&d, "us-old")), None);
    assert_eq!(r.first_step.len(), 3);
    assert_eq!(r.step(0), None, "steps are numbered from 1");
    assert_eq!(r.step(4).unwrap().bodies(), [c]);
    assert_eq!(r.step(5), None);
    assert_eq!(flow::step(f, 2).unwrap().from, "us-b");
    assert!(flow::step(f, 0).is_none());
}

#[test]
fn the_relation_of_a_step_follows_direction_and_date() {
    let d = small();
    let r = flow::resolve(&d, d.flow("us-story").unwrap()).unwrap();
    let part_of = d
        .edges
        .iter()
        .position(|e| e.kind.as_str() == "part_of")
        .unwrap();
    let shares = d
        .edges
        .iter()
        .position(|e| e.source == "us-a" && e.target == "jp-c")
        .unwrap();
    // Step 1 runs a -> b; the edge is "b part_of a": found, read backwards.
    let rel = r.steps[0].relation.unwrap();
    assert_eq!((rel.edge, rel.forward), (part_of, false));
    // Step 2 runs b -> a: the same edge, forwards.
    let rel = r.steps[1].relation.unwrap();
    assert_eq!((rel.edge, rel.forward), (part_of, true));
    let rel = r.steps[2].relation.unwrap();
    assert_eq!((rel.edge, rel.forward), (shares, true));
    assert_eq!(r.steps[3].relation, None, "no `to`, no relation");
    // In 2019 the information-sharing relation (since 2021) did not exist yet.
    let before = flow::resolve(&d, d.flow("us-before").unwrap()).unwrap();
    assert_eq!(before.steps[0].relation, None);
}

#[test]
fn resolve_refuses_a_flow_naming_a_body_outside_the_dataset() {
    let d = small();
    let without_c = d.subset(|n| n.id != "jp-c");
    assert_eq!(without_c.flows.len(), 2, "a subset keeps the flows");
    assert!(flow::resolve(&without_c, without_c.flow("us-story").unwrap()).is_none());
}

#[test]
fn flows_by_country_and_side_by_side() {
    let d = small();
    assert_eq!(flow::of_country(&d.flows, None).count(), 2);
    assert_eq!(flow::of_country(&d.flows, Some("us")).count(), 2);
    assert_eq!(flow::of_country(&d.flows, Some("jp")).count(), 0);
    let rows = flow::side_by_side(d.flow("us-story").unwrap(), d.flow("us-before").unwrap());
    assert_eq!(rows.len(), 4);
    assert!(rows[0].0.is_some() && rows[0].1.is_some());
    assert!(rows[1].0.is_some() && rows[1].1.is_none());
}

#[test]
fn the_csv_has_one_row_per_step_with_sources() {
    let d = small();
    let f = d.flow("us-story").unwrap();
    let text = flow::csv(&d, f);
    let rows = common::csv_records(&text);
    assert_eq!(rows.len(), 1 + f.steps.len());
    assert_eq!(rows[0][0], "step");
    assert_eq!(rows[0].last().unwrap(), "sources");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    assert_eq!(rows[1][0], "1");
    assert_eq!(
        (rows[1][1].as_str(), rows[1][2].as_str()),
        ("us-a", "Body us-a")
    );
    assert_eq!(rows[1][4], "us-b");
    assert_eq!(rows[4][4], "", "no `to`");
    assert!(rows[1..]
        .iter()
        .all(|r| r.last().unwrap() == "https://example.org/a"));
    assert_eq!(
        flow::file_name(f, "csv"),
        "alliance-map-2024-flow-us-story.csv"
    );
}

#[test]
fn the_csv_defuses_formulas() {
    let mut d = small();
    d.flows[0].steps[0].action.en = "=HYPERLINK(\"x\")".into();
    let text = flow::csv(&d, &d.flows[0]);
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
}

// ---------------------------------------------------------------- the bundled flows

#[test]
fn every_bundled_flow_validates() {
    let l = common::bundled();
    let flow_problems: Vec<String> = l
        .problems
        .iter()
        .filter(|p| p.file == "flows.json" || p.place.starts_with("$.flows"))
        .map(|p| p.to_string())
        .collect();
    assert!(flow_problems.is_empty(), "{flow_problems:#?}");
    let text = std::fs::read_to_string(common::data_dir().join("flows.json")).unwrap();
    let listed = serde_json::from_str::<Value>(&text).unwrap()["flows"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(l.dataset.flows.len(), listed, "no bundled flow was dropped");
}

#[test]
fn bundled_flows_meet_the_minimum_per_country() {
    let l = common::bundled();
    let count = |c: &str| l.dataset.flows.iter().filter(|f| f.country == c).count();
    assert!(
        l.dataset.flows.len() >= 12,
        "{} flows",
        l.dataset.flows.len()
    );
    assert!(count("us") >= 4, "{} US flows", count("us"));
    assert!(count("jp") >= 4, "{} Japanese flows", count("jp"));
    assert!(
        count("intl") >= 2,
        "{} flows between the countries",
        count("intl")
    );
}

#[test]
fn bundled_flows_are_complete_in_both_languages() {
    let l = common::bundled();
    let japanese = |s: &str| {
        s.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
    };
    let mut ids = HashSet::new();
    for f in &l.dataset.flows {
        assert!(ids.insert(f.id.as_str()), "{} twice", f.id);
        assert!(
            f.id.starts_with(&format!("{}-", f.country)),
            "{}: id starts with its country",
            f.id
        );
        assert!(!f.steps.is_empty(), "{}: no step", f.id);
        assert!(!f.sources.is_empty(), "{}: no source", f.id);
        let mut texts = vec![("title", &f.title), ("summary", &f.summary)];
        for (i, s) in f.steps.iter().enumerate() {
            assert!(!s.sources.is_empty(), "{} step {}: no source", f.id, i + 1);
            assert!(
                s.sources
                    .iter()
                    .all(|src| src.url.starts_with("https://") || src.url.starts_with("http://")),
                "{} step {}: a source that is not http(s)",
                f.id,
                i + 1
            );
            texts.push(("action", &s.action));
            texts.extend(s.within.as_ref().map(|t| ("within", t)));
            texts.extend(s.note.as_ref().map(|t| ("note", t)));
        }
        for (what, t) in texts {
            assert!(!t.en.trim().is_empty(), "{}: empty English {what}", f.id);
            let ja = t.ja.as_deref().unwrap_or("");
            assert!(japanese(ja), "{}: {what} has no Japanese: {ja:?}", f.id);
        }
    }
}

#[test]
fn bundled_flows_resolve_and_name_the_right_bodies() {
    let l = common::bundled();
    let d = &l.dataset;
    for f in &d.flows {
        let r = flow::resolve(d, f).unwrap_or_else(|| panic!("{} does not resolve", f.id));
        assert_eq!(r.len(), f.steps.len());
        for s in &r.steps {
            for &b in &s.basis {
                assert!(
                    matches!(d.nodes[b].kind, NodeKind::Law | NodeKind::Strategy),
                    "{}: basis {}",
                    f.id,
                    d.nodes[b].id
                );
            }
            for b in s.bodies() {
                assert!(d.nodes[b].exists_at(f.date), "{}: {}", f.id, d.nodes[b].id);
            }
        }
        // A flow of one country is told by that country's bodies (mechanisms aside); a flow
        // between the countries names bodies of both.
        let countries: HashSet<&str> = r
            .first_step
            .keys()
            .map(|&b| d.nodes[b].country.as_str())
            .filter(|&c| c != "intl")
            .collect();
        if f.country == "intl" {
            assert!(
                countries.contains("us") && countries.contains("jp"),
                "{}: {countries:?}",
                f.id
            );
        } else {
            assert_eq!(countries, HashSet::from([f.country.as_str()]), "{}", f.id);
        }
        let rows = common::csv_records(&flow::csv(d, f));
        assert_eq!(rows.len(), 1 + f.steps.len(), "{}", f.id);
    }
}

#[test]
fn bundled_flows_cover_the_issue() {
    let l = common::bundled();
    let has = |pred: &dyn Fn(&alliance_map::model::Flow) -> bool, what: &str| {
        assert!(l.dataset.flows.iter().any(pred), "no flow for {what}");
    };
    let names = |f: &alliance_map::model::Flow, id: &str| {
        f.steps
            .iter()
            .any(|s| s.from == id || s.to.as_deref() == Some(id) || s.basis.iter().any(|b| b == id))
    };
    has(
        &|f| names(f, "us-ppd-41") && names(f, "us-fbi") && names(f, "us-odni"),
        "PPD-41",
    );
    has(&|f| names(f, "us-circia-2022"), "CIRCIA");
    has(
        &|f| f.country == "us" && f.id.contains("ransomware"),
        "a US ransomware victim",
    );
    has(
        &|f| f.country == "jp" && f.id.contains("ransomware"),
        "a Japanese ransomware victim",
    );
    has(
        &|f| names(f, "jp-ssio") && names(f, "jp-acd-act-2025"),
        "ACD operator reports",
    );
    has(
        &|f| names(f, "jp-telco") && names(f, "jp-oversight"),
        "ACD communications information",
    );
    has(
        &|f| names(f, "jp-chpo") && names(f, "jp-oversight"),
        "ACD access and neutralization",
    );
    has(
        &|f| names(f, "jp-nisc") && f.id.contains("government"),
        "Japanese government networks (NISC)",
    );
    has(
        &|f| names(f, "jp-nco") && f.id.contains("government"),
        "Japanese government networks (NCO)",
    );
    has(&|f| names(f, "us-cnmf"), "hunt forward");
    has(
        &|f| f.country == "intl" && names(f, "jp-npa") && names(f, "us-nsa"),
        "a joint advisory",
    );
    has(&|f| names(f, "intl-cyber-dialogue"), "the Cyber Dialogue");
}
