//! The bundled dataset in data/ keeps the promises the map makes to its readers.

mod common;

use std::collections::HashSet;

use alliance_map::model::{
    data_file_schema, manifest_schema, EdgeKind, NodeKind, PartialDate, INTL,
};

#[test]
fn bundled_data_is_valid() {
    let loaded = common::bundled();
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "data/ has problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn published_schemas_are_up_to_date() {
    let dir = common::data_dir();
    for (file, fresh) in [
        ("schema.json", data_file_schema()),
        ("manifest.schema.json", manifest_schema()),
    ] {
        let committed = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(
            committed == fresh,
            "data/{file} is stale: run `cargo xtask schema`"
        );
    }
}

#[test]
fn every_data_file_points_editors_at_the_schema() {
    let dir = common::data_dir();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["$schema"], "./manifest.schema.json");
    for file in manifest["files"].as_array().unwrap() {
        let text = std::fs::read_to_string(dir.join(file.as_str().unwrap())).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["$schema"], "./schema.json",
            "{file} lacks \"$schema\": \"./schema.json\""
        );
    }
}

#[test]
fn dataset_covers_both_countries_mechanisms_and_laws() {
    let d = common::bundled().dataset;
    let bodies = |country: &str| {
        d.nodes
            .iter()
            .filter(|n| n.country == country && !n.kind.is_instrument())
            .count()
    };
    let mechanisms = d
        .nodes
        .iter()
        .filter(|n| {
            matches!(
                n.kind,
                NodeKind::BilateralMechanism | NodeKind::MultilateralForum
            )
        })
        .count();
    let laws = d
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Law | NodeKind::Strategy))
        .count();
    assert!(bodies("us") >= 50, "US bodies: {}", bodies("us"));
    assert!(bodies("jp") >= 50, "Japanese bodies: {}", bodies("jp"));
    assert!(mechanisms >= 15, "mechanisms: {mechanisms}");
    assert!(laws >= 20, "laws and strategies: {laws}");
}

#[test]
fn japanese_bodies_have_names_in_japanese_script() {
    let d = common::bundled().dataset;
    let japanese = |s: &str| {
        s.chars()
            .any(|c| matches!(c as u32, 0x3040..=0x30ff | 0x4e00..=0x9fff))
    };
    let missing: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| n.country == "jp")
        .filter(|n| !n.name.ja.as_deref().is_some_and(japanese))
        .map(|n| n.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "Japanese bodies without a Japanese name: {missing:?}"
    );
}

#[test]
fn mechanisms_are_linked_to_the_bodies_that_take_part() {
    let d = common::bundled().dataset;
    let linked: HashSet<&str> = d
        .edges
        .iter()
        .filter(|e| matches!(e.kind, EdgeKind::MemberOf | EdgeKind::Leads))
        .map(|e| e.target.as_str())
        .collect();
    let mechanisms: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| n.country == INTL)
        .map(|n| n.id.as_str())
        .collect();
    let unlinked: Vec<&&str> = mechanisms
        .iter()
        .filter(|m| !linked.contains(**m))
        .collect();
    // A forum whose participation is not sourced may stand alone, but not many.
    assert!(
        unlinked.len() * 10 <= mechanisms.len(),
        "mechanisms without participants: {unlinked:?}"
    );
}

#[test]
fn the_map_shows_japan_before_and_after_the_2025_reform() {
    let d = common::bundled().dataset;
    let node = |id: &str| {
        d.nodes
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let before = PartialDate::ymd(2024, 1, 1);
    let after = PartialDate::ymd(2025, 8, 1);
    assert!(node("jp-nisc").exists_at(before) && !node("jp-nisc").exists_at(after));
    assert!(!node("jp-nco").exists_at(before) && node("jp-nco").exists_at(after));
    assert_eq!(node("jp-nisc").successor.as_deref(), Some("jp-nco"));
    // CISA took over from NPPD in November 2018.
    assert!(
        node("us-nppd").exists_at(PartialDate::ymd(2018, 1, 1))
            && !node("us-nppd").exists_at(PartialDate::ymd(2019, 1, 1))
    );
    assert!(node("us-cisa").exists_at(PartialDate::ymd(2019, 1, 1)));
}

#[test]
fn counterparts_join_the_two_countries() {
    let d = common::bundled().dataset;
    let country = |id: &str| {
        d.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.country.clone())
            .unwrap_or_default()
    };
    let pairs: Vec<_> = d
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::CounterpartOf)
        .collect();
    assert!(!pairs.is_empty());
    for e in pairs {
        assert_ne!(
            country(&e.source),
            country(&e.target),
            "{} counterpart_of {} in one country",
            e.source,
            e.target
        );
    }
}

#[test]
fn every_body_is_named_in_japanese_and_japanese_bodies_read_in_japanese() {
    let d = common::bundled().dataset;
    let japanese = |s: &str| {
        s.chars()
            .any(|c| matches!(c as u32, 0x3040..=0x30ff | 0x4e00..=0x9fff))
    };
    let unnamed: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| n.name.ja.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|n| n.id.as_str())
        .collect();
    assert!(
        unnamed.is_empty(),
        "bodies without a Japanese name: {unnamed:?}"
    );
    // What a Japanese reader sees next to a Japanese body: its short label, or its name when the
    // short label has no Japanese. An English acronym alone (MOFA, MOD) does not count.
    let english_only: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| n.country == "jp" && !n.kind.is_instrument())
        .filter(|n| {
            let label = n
                .short
                .as_ref()
                .and_then(|s| s.ja.as_deref())
                .or(n.name.ja.as_deref())
                .unwrap_or("");
            let acronym_by_usage = n
                .short
                .as_ref()
                .and_then(|s| s.ja.as_deref())
                .is_some_and(|s| JAPANESE_USAGE_ACRONYMS.contains(&s));
            !(japanese(label) || acronym_by_usage && n.name.ja.as_deref().is_some_and(japanese))
        })
        .map(|n| n.id.as_str())
        .collect();
    assert!(
        english_only.is_empty(),
        "Japanese bodies whose Japanese label has no Japanese script: {english_only:?}"
    );
}

/// Acronyms Japanese readers themselves use for Japanese bodies (data/README.md, "Japanese
/// names"); any other Latin-only Japanese label of a Japanese body is a mistake.
const JAPANESE_USAGE_ACRONYMS: &[&str] =
    &["NISC", "NICT", "IPA", "JPCERT/CC", "ICSCoE", "JC3", "NTT"];
