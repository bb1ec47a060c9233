//! What changed between two dates (`story::diff`): a small hand-made dataset against a
//! hand-checked list, the reforms the data is about, the presets, the URL and the CSV.

mod common;

use std::collections::HashMap;

use alliance_map::export::{changes_csv, changes_file_name};
use alliance_map::model::{load_with, Dataset, EdgeKind, Loaded, PartialDate};
use alliance_map::story::diff::{
    apply_preset, diff, diff_view, preset_dates, ChangeKind, Changes, CountryCounts, Happened,
    Subject,
};
use alliance_map::view::ViewState;

fn date(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

fn load(files: &[(&str, String)]) -> Loaded {
    let files: HashMap<&str, &String> = files.iter().map(|(n, t)| (*n, t)).collect();
    load_with("manifest.json", |name| {
        files
            .get(name)
            .map(|t| t.to_string())
            .ok_or_else(|| format!("no {name}"))
    })
    .expect("the manifest loads")
}

const SOURCE: &str =
    r#"[{ "url": "https://example.org/s", "title": "Source", "accessed": "2026-01-01" }]"#;

fn manifest(reforms: &str) -> String {
    format!(
        r##"{{ "schema_version": 1, "title": {{ "en": "Test" }}, "as_of": "2026-01-01",
            "countries": [
              {{ "id": "a", "name": {{ "en": "A" }}, "color": "#111111" }},
              {{ "id": "b", "name": {{ "en": "B" }}, "color": "#222222" }}
            ],
            "files": ["data.json"]{reforms} }}"##
    )
}

fn node(
    id: &str,
    country: &str,
    since: &str,
    until: Option<&str>,
    successor: Option<&str>,
) -> String {
    let (until, successor) = (field("until", until), field("successor", successor));
    format!(
        r#"{{ "id": "{id}", "country": "{country}", "kind": "agency", "name": {{ "en": "{id}" }},
            "roles": [], "since": "{since}"{until}{successor}, "sources": {SOURCE} }}"#
    )
}

fn edge(
    source: &str,
    kind: &str,
    target: &str,
    since: Option<&str>,
    until: Option<&str>,
) -> String {
    let (since, until) = (field("since", since), field("until", until));
    format!(
        r#"{{ "source": "{source}", "target": "{target}", "kind": "{kind}"{since}{until},
            "sources": {SOURCE} }}"#
    )
}

/// `, "key": "value"` when there is a value, else nothing: an optional field of a record.
fn field(key: &str, value: Option<&str>) -> String {
    value
        .map(|v| format!(r#", "{key}": "{v}""#))
        .unwrap_or_default()
}

/// Seven bodies and seven relations, each chosen for one rule of the diff.
fn small() -> Dataset {
    let nodes = [
        node("a-old", "a", "2000", Some("2010"), Some("a-new")),
        node("a-new", "a", "2010", None, None),
        node("a-gone", "a", "2001", Some("2005"), None),
        node("a-stay", "a", "1990", None, None),
        node("b-x", "b", "2003", None, None),
        node("b-passing", "b", "2002", Some("2004"), None),
        node("intl-f", "intl", "1995", None, None),
    ];
    let edges = [
        // 0: ends with its body (through_body).
        edge("a-old", "part_of", "a-stay", None, None),
        // 1: begins with its body.
        edge("a-new", "part_of", "a-stay", None, None),
        // 2: b-x joins intl-f; its own since is in the period.
        edge("b-x", "member_of", "intl-f", Some("2003"), None),
        // 3: a-stay leaves intl-f by its own until.
        edge("a-stay", "member_of", "intl-f", Some("1995"), Some("2003")),
        // 4: begins by its own since, after both bodies.
        edge("a-stay", "coordinates_with", "b-x", Some("2006"), None),
        // 5: ends with a-gone.
        edge("a-stay", "oversees", "a-gone", None, None),
        // 6: came and went inside the period: not a change between the two states.
        edge("a-stay", "funds", "b-passing", None, None),
    ];
    let data = format!(
        r#"{{ "nodes": [{}], "edges": [{}] }}"#,
        nodes.join(","),
        edges.join(",")
    );
    let loaded = load(&[("manifest.json", manifest("")), ("data.json", data)]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    loaded.dataset
}

/// One line per change: country, date, kind, what, happened, through_body.
fn lines(d: &Dataset, c: &Changes) -> Vec<String> {
    c.list
        .iter()
        .map(|ch| {
            let what = match ch.ids(d) {
                (id, None) => id.to_string(),
                (s, Some(t)) => format!("{s}>{t}"),
            };
            format!(
                "{} {} {} {} {:?}{}",
                ch.country,
                ch.date,
                ch.kind.as_str(),
                what,
                ch.happened,
                if ch.through_body { " (body)" } else { "" }
            )
        })
        .collect()
}

#[test]
fn the_small_dataset_gives_the_hand_checked_list() {
    let d = small();
    let c = diff(&d, date("2001-06"), date("2012"));
    let expected = [
        "a 2005 ended a-gone Ended",
        "a 2005 ended a-stay>a-gone Unlinked(Oversees) (body)",
        "a 2010 added a-new Replaces([\"a-old\"])",
        "a 2010 succeeded a-old ReplacedBy(\"a-new\")",
        "a 2010 added a-new>a-stay Linked(PartOf) (body)",
        "a 2010 ended a-old>a-stay Unlinked(PartOf) (body)",
        "b 2003 added b-x Established",
        "intl 2003 added b-x>intl-f Joined(\"intl-f\") (body)",
        "intl 2003 ended a-stay>intl-f Left(\"intl-f\")",
        "intl 2006 added a-stay>b-x Linked(CoordinatesWith)",
    ];
    assert_eq!(lines(&d, &c), expected);

    let counts = c.counts();
    let count = |country: &str, a, e, s, ra, re| CountryCounts {
        country: country.into(),
        added: a,
        ended: e,
        succeeded: s,
        relations_added: ra,
        relations_ended: re,
    };
    assert_eq!(
        counts,
        [
            count("a", 1, 1, 1, 1, 2),
            count("b", 1, 0, 0, 0, 0),
            count("intl", 0, 0, 0, 2, 1)
        ]
    );
    let groups: Vec<(&str, usize)> = c.groups().iter().map(|(k, l)| (*k, l.len())).collect();
    assert_eq!(groups, [("a", 6), ("b", 1), ("intl", 3)]);

    // The marks the map sets, per body and per relation.
    let marks: Vec<Option<&str>> = (0..d.nodes.len())
        .map(|i| c.change_of_node(i).map(ChangeKind::as_str))
        .collect();
    assert_eq!(
        marks,
        [
            Some("succeeded"),
            Some("added"),
            Some("ended"),
            None,
            Some("added"),
            None,
            None
        ]
    );
    let marks: Vec<Option<&str>> = (0..d.edges.len())
        .map(|k| c.change_of_edge(k).map(ChangeKind::as_str))
        .collect();
    assert_eq!(
        marks,
        [
            Some("ended"),
            Some("added"),
            Some("added"),
            Some("ended"),
            Some("added"),
            Some("ended"),
            None
        ]
    );
}

#[test]
fn dates_out_of_order_or_equal_compare_nothing() {
    let d = small();
    assert!(diff(&d, date("2012"), date("2001")).is_empty());
    assert!(diff(&d, date("2010"), date("2010-01-01")).is_empty());
    // At the precision of a day: the day NISC-like a-old ends is the day a-new begins.
    let c = diff(&d, date("2009-12-31"), date("2010-01-01"));
    assert_eq!(c.list.iter().filter(|ch| ch.node().is_some()).count(), 2);
}

#[test]
fn a_view_limits_the_changes_to_its_filters() {
    let d = small();
    let (v, notices) = ViewState::parse("from=2001-06&date=2012&country=a");
    assert!(notices.is_empty(), "{notices:?}");
    let c = diff_view(&d, &v).expect("a comparison");
    assert!(
        c.list.iter().all(|ch| ch.country == "a"),
        "{:?}",
        lines(&d, &c)
    );
    assert_eq!(c.list.len(), 6);
    assert_eq!(c.change_of_node(4), None, "b-x is filtered out");
    let (v, _) = ViewState::parse("from=2001-06&date=2012&rel=member_of");
    let c = diff_view(&d, &v).unwrap();
    let relations: Vec<&Happened> = c
        .list
        .iter()
        .filter(|ch| ch.edge().is_some())
        .map(|ch| &ch.happened)
        .collect();
    assert_eq!(
        relations,
        [
            &Happened::Joined("intl-f".into()),
            &Happened::Left("intl-f".into())
        ]
    );
    // No from, no comparison; no date, the data's as_of.
    assert_eq!(diff_view(&d, &ViewState::parse("date=2012").0), None);
    let c = diff_view(&d, &ViewState::parse("from=2001-06").0).unwrap();
    assert_eq!(c.to, date("2026-01-01"));
    let all = ViewState {
        from: Some(date("2001-06")),
        all_dates: true,
        ..ViewState::default()
    };
    assert_eq!(diff_view(&d, &all), None, "date=all compares nothing");
}

fn find<'a>(d: &Dataset, c: &'a Changes, id: &str) -> &'a alliance_map::story::diff::Change {
    c.list
        .iter()
        .find(|ch| ch.node().is_some_and(|i| d.nodes[i].id == id))
        .unwrap_or_else(|| panic!("no change for {id}: {:?}", lines(d, c)))
}

#[test]
fn japan_since_the_2022_strategies_nisc_became_the_nco() {
    let d = common::bundled().dataset;
    let c = diff(&d, date("2022-12-16"), d.manifest.as_of);
    let nco = find(&d, &c, "jp-nco");
    assert_eq!(
        (nco.kind, nco.date, &nco.country),
        (ChangeKind::Added, date("2025-07-01"), &"jp".to_string())
    );
    assert!(
        matches!(&nco.happened, Happened::Replaces(p) if p.contains(&"jp-nisc".to_string())),
        "{:?}",
        nco.happened
    );
    let nisc = find(&d, &c, "jp-nisc");
    assert_eq!(
        (nisc.kind, nisc.date, &nisc.happened),
        (
            ChangeKind::Succeeded,
            date("2025-07-01"),
            &Happened::ReplacedBy("jp-nco".into())
        )
    );
    assert!(!nisc.sources(&d).is_empty());
    // The Japan group is in date order.
    let jp: Vec<_> = c.list.iter().filter(|ch| ch.country == "jp").collect();
    assert!(jp
        .windows(2)
        .all(|w| w[0].date.start() <= w[1].date.start()));
    // The one-day preset around the NCO shows the same two bodies.
    let c = diff(&d, date("2025-06-30"), date("2025-07-01"));
    // The NCO's place in the Cabinet Secretariat comes with it; the Prime Minister leading the
    // headquarters is a rewiring between bodies that stay.
    let relation = |s: &str, t: &str| {
        c.list
            .iter()
            .find(|ch| ch.edge().is_some() && ch.ids(&d) == (s, Some(t)))
            .unwrap_or_else(|| panic!("no change for {s} -> {t}: {:?}", lines(&d, &c)))
    };
    assert!(relation("jp-nco", "jp-cas").through_body);
    assert!(relation("jp-nisc", "jp-cas").through_body);
    assert!(!relation("jp-pm", "jp-cshq").through_body);
    assert_eq!(
        c.change_of_node(index(&d, "jp-nco")),
        Some(ChangeKind::Added)
    );
    assert_eq!(
        c.change_of_node(index(&d, "jp-nisc")),
        Some(ChangeKind::Succeeded)
    );
}

fn index(d: &Dataset, id: &str) -> usize {
    d.nodes.iter().position(|n| n.id == id).unwrap()
}

#[test]
fn the_united_states_2018_to_2021_gained_cisa_and_oncd() {
    let d = common::bundled().dataset;
    let c = diff(&d, date("2018-01-01"), date("2021-12-31"));
    for id in ["us-oncd", "us-cisa", "us-jcdc"] {
        let ch = find(&d, &c, id);
        assert_eq!(
            (ch.kind, ch.country.as_str()),
            (ChangeKind::Added, "us"),
            "{id}"
        );
    }
    assert!(
        matches!(&find(&d, &c, "us-cisa").happened, Happened::Replaces(p) if p.contains(&"us-nppd".to_string()))
    );
    let nppd = find(&d, &c, "us-nppd");
    assert_eq!(
        (nppd.kind, nppd.date, &nppd.happened),
        (
            ChangeKind::Succeeded,
            date("2018-11-16"),
            &Happened::ReplacedBy("us-cisa".into())
        )
    );
    // Relations follow: CISA's place in DHS is new, NPPD's is gone.
    let cisa = index(&d, "us-cisa");
    let cisa_edges: Vec<_> = c
        .list
        .iter()
        .filter_map(|ch| ch.edge())
        .filter(|&k| d.edges[k].source == "us-cisa" || d.edges[k].target == "us-cisa")
        .collect();
    assert!(!cisa_edges.is_empty());
    assert!(cisa_edges
        .iter()
        .all(|&k| c.change_of_edge(k) == Some(ChangeKind::Added)));
    assert_eq!(c.change_of_node(cisa), Some(ChangeKind::Added));
}

#[test]
fn every_preset_of_the_data_shows_changes() {
    let d = common::bundled().dataset;
    let ids: Vec<&str> = d.manifest.reforms.iter().map(|r| r.id.as_str()).collect();
    assert!(ids.len() >= 4, "{ids:?}");
    for r in &d.manifest.reforms {
        let (from, to) = preset_dates(r, &d.manifest);
        let c = diff(&d, from, to);
        assert!(!c.is_empty(), "preset {} shows nothing", r.id);
        assert!(
            r.title.ja.is_some(),
            "preset {} has no Japanese title",
            r.id
        );
        let summary: Vec<String> = c
            .counts()
            .iter()
            .map(|k| {
                format!(
                    "{}: +{} -{} ~{} rel +{} -{}",
                    k.country, k.added, k.ended, k.succeeded, k.relations_added, k.relations_ended
                )
            })
            .collect();
        println!("{} ({from} -> {to}): {}", r.id, summary.join("; "));
    }
    // The whole period ends at as_of and starts before every reform.
    let whole = d
        .manifest
        .reforms
        .iter()
        .find(|r| r.id == "whole-period")
        .expect("a whole-period preset");
    assert_eq!(preset_dates(whole, &d.manifest).1, d.manifest.as_of);
}

#[test]
fn a_preset_goes_into_the_address_and_back() {
    let d = common::bundled().dataset;
    let r = &d.manifest.reforms[0];
    let mut v = ViewState::default();
    apply_preset(&mut v, r, &d.manifest);
    let q = v.to_query();
    assert_eq!(q, format!("from={}&date={}", r.from, d.manifest.as_of));
    let (back, notices) = ViewState::parse(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back, v);
    assert_eq!(diff_view(&d, &back), diff_view(&d, &v));
    // Any precision.
    let (v, notices) = ViewState::parse("from=2018&date=2021-12");
    assert!(notices.is_empty());
    assert_eq!(v.to_query(), "from=2018&date=2021-12");
}

#[test]
fn reversed_dates_give_a_notice_and_no_comparison() {
    let d = common::bundled().dataset;
    let (v, notices) = ViewState::parse("from=2025-07-01&date=2025-06-30");
    assert_eq!(v.from, None);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].parameter, "from");
    assert!(notices[0]
        .reason
        .contains("2025-07-01 is not before 2025-06-30"));
    assert_eq!(diff_view(&d, &v), None);
    // After the data's as_of, with no date: dropped once the data is known.
    let (mut v, notices) = ViewState::parse("from=2099");
    assert!(notices.is_empty());
    assert_eq!(diff_view(&d, &v), None);
    assert!(v.settle_from(d.manifest.as_of).is_some());
    assert_eq!(v.to_query(), "");
}

#[test]
fn the_csv_lists_the_same_changes() {
    let d = common::bundled().dataset;
    let c = diff(&d, date("2018-01-01"), date("2021-12-31"));
    let csv = changes_csv(&d, &c);
    let records = common::csv_records(&csv);
    assert_eq!(
        records[0],
        [
            "date", "country", "change", "subject", "happened", "others", "id", "target",
            "relation", "name_en", "name_ja", "sources"
        ]
    );
    assert_eq!(records.len(), c.list.len() + 1);
    for (r, ch) in records[1..].iter().zip(&c.list) {
        let (id, target) = ch.ids(&d);
        assert_eq!(r[0], ch.date.to_string());
        assert_eq!(r[1], ch.country);
        assert_eq!(r[2], ch.kind.as_str());
        assert_eq!(r[4], ch.happened.key());
        assert_eq!((r[6].as_str(), r[7].as_str()), (id, target.unwrap_or("")));
        let urls: Vec<&str> = ch.sources(&d).iter().map(|s| s.url.as_str()).collect();
        assert_eq!(r[11], urls.join(" "));
        if let Subject::Relation(k) = ch.subject {
            assert_eq!(r[8], d.edges[k].kind.as_str());
        }
    }
    let nppd = records
        .iter()
        .find(|r| r[6] == "us-nppd")
        .expect("NPPD in the CSV");
    assert_eq!(
        (nppd[2].as_str(), nppd[4].as_str(), nppd[5].as_str()),
        ("succeeded", "replaced_by", "us-cisa")
    );
    assert_eq!(
        changes_file_name(&c, "csv"),
        "alliance-map-2018-01-01-to-2021-12-31-changes.csv"
    );
}

#[test]
fn the_csv_defuses_formulas() {
    let mut d = small();
    d.nodes[1].name.en = "=HYPERLINK(\"https://evil.example\")".into();
    d.nodes[1].name.ja = Some("@SUM(1)".into());
    let csv = changes_csv(&d, &diff(&d, date("2001-06"), date("2012")));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("\"'@SUM(1)\""), "{csv}");
    assert!(!csv.contains(",\"=") && !csv.contains(",\"@"), "{csv}");
}

#[test]
fn member_of_relations_say_who_joined_what() {
    let d = common::bundled().dataset;
    let c = diff(&d, date("1789"), d.manifest.as_of);
    for ch in &c.list {
        if let Some(k) = ch.edge() {
            let e = &d.edges[k];
            match (&ch.happened, e.kind) {
                (Happened::Joined(t) | Happened::Left(t), EdgeKind::MemberOf) => {
                    assert_eq!(t, &e.target)
                }
                (Happened::Linked(kind) | Happened::Unlinked(kind), _) => assert_eq!(*kind, e.kind),
                (h, kind) => panic!("{h:?} for a {kind:?} relation"),
            }
        }
    }
}

#[test]
fn bad_presets_are_reported_and_dropped_not_fatal() {
    let reforms = r#", "reforms": [
        { "id": "fine", "title": { "en": "Fine" }, "from": "2001", "to": "2002" },
        { "id": "reversed", "title": { "en": "Reversed" }, "from": "2005", "to": "2004" },
        { "id": "fine", "title": { "en": "Again" }, "from": "2001" },
        { "id": "late", "title": { "en": "After as_of" }, "from": "2030" },
        { "id": "Bad Id", "title": { "en": "" }, "from": "2001" }
    ]"#;
    let data = format!(
        r#"{{ "nodes": [{}] }}"#,
        node("a-x", "a", "2000", None, None)
    );
    let loaded = load(&[("manifest.json", manifest(reforms)), ("data.json", data)]);
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    let expected = [
        "manifest.json: $.reforms[1].to: from 2005 is not before to 2004",
        "manifest.json: $.reforms[2].id: duplicate reform id \"fine\" (first at $.reforms[0])",
        "manifest.json: $.reforms[3].from: from 2030 is not before as_of 2026-01-01",
        "manifest.json: $.reforms[4].id: \"Bad Id\" is not a valid id",
        "manifest.json: $.reforms[4].title.en: empty name",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p.starts_with(e)),
            "missing {e}\nin {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    let kept: Vec<&str> = loaded
        .dataset
        .manifest
        .reforms
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(kept, ["fine"]);
    assert_eq!(loaded.dataset.nodes.len(), 1, "the map still loads");
}

#[test]
fn bodies_that_came_and_went_are_listed_apart() {
    let d = small();
    let c = diff(&d, date("2001-06"), date("2012"));
    let passed: Vec<(&str, ChangeKind)> = c
        .passed
        .iter()
        .map(|ch| (d.nodes[ch.node().unwrap()].id.as_str(), ch.kind))
        .collect();
    assert_eq!(passed, [("b-passing", ChangeKind::Ended)]);
    assert_eq!(
        c.change_of_node(5),
        None,
        "not marked: it is in neither map"
    );
    // Over the whole period of the real data, NISC (2015-2025) came and went.
    let d = common::bundled().dataset;
    let c = diff(&d, date("1789"), d.manifest.as_of);
    assert!(c
        .passed
        .iter()
        .any(|ch| d.nodes[ch.node().unwrap()].id == "jp-nisc"
            && ch.happened == Happened::ReplacedBy("jp-nco".into())));
}

#[test]
fn the_json_export_carries_the_changes_of_the_view() {
    use alliance_map::graph::{view::visible, AllianceGraph};
    let d = common::bundled().dataset;
    let g = AllianceGraph::build(&d);
    let (v, _) = ViewState::parse("from=2025-06-30&date=2025-07-01&country=jp");
    let json: serde_json::Value =
        serde_json::from_str(&alliance_map::export::json(&d, &visible(&d, &g, &v), &v)).unwrap();
    let c = diff_view(&d, &v).unwrap();
    let list = json["changes"]["list"].as_array().expect("a change list");
    assert_eq!(list.len(), c.list.len());
    assert_eq!(json["changes"]["from"], "2025-06-30");
    assert!(list.iter().any(|ch| ch["id"] == "jp-nisc"
        && ch["change"] == "succeeded"
        && ch["others"][0] == "jp-nco"
        && !ch["sources"].as_array().unwrap().is_empty()));
    // Without a comparison, no changes key.
    let (v, _) = ViewState::parse("date=2025-07-01");
    let json = alliance_map::export::json(&d, &visible(&d, &g, &v), &v);
    assert!(!json.contains("\"changes\""));
}
