//! The editor's core (`src/edit`): opening the bundled files, edits checked by the validator,
//! the change list and undo, deleting a body with its relations, ids, and saving files that
//! differ from the originals only in the edited entries.

mod common;

use std::collections::HashSet;

use alliance_map::edit::doc::List;
use alliance_map::edit::{ids, ChangeKind, Ref, What, Workspace};
use alliance_map::model::{
    load_with, Edge, EdgeKind, Node, NodeKind, PartialDate, Role, Source, Text,
};

fn open_bundled() -> Workspace {
    let dir = common::data_dir();
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    match Workspace::open("manifest.json", &manifest, |name| {
        std::fs::read_to_string(dir.join(name)).ok()
    }) {
        Ok(w) => w,
        Err(p) => panic!("the bundled manifest opens: {p:?}"),
    }
}

fn original(name: &str) -> String {
    std::fs::read_to_string(common::data_dir().join(name)).expect("a bundled file")
}

fn date(s: &str) -> PartialDate {
    PartialDate::parse(s).expect("a date")
}

fn source() -> Source {
    Source {
        url: "https://www.example.go.jp/cyber".into(),
        title: "Example ministry: cyber unit".into(),
        accessed: date("2026-12-06"),
    }
}

fn new_body(id: &str) -> Node {
    Node {
        id: id.into(),
        country: "jp".into(),
        kind: NodeKind::Agency,
        name: Text {
            en: "Cyber Test Unit".into(),
            ja: Some("サイバー試験室".into()),
        },
        short: Some(Text {
            en: "CTU".into(),
            ja: Some("試験室".into()),
        }),
        roles: vec![Role::IncidentResponse],
        since: date("2026-04-01"),
        until: None,
        successor: None,
        website: None,
        summary: None,
        sources: vec![source()],
    }
}

fn part_of(source_id: &str, target: &str) -> Edge {
    Edge {
        source: source_id.into(),
        target: target.into(),
        kind: EdgeKind::PartOf,
        since: Some(date("2026-04-01")),
        until: None,
        note: None,
        sources: vec![source()],
    }
}

fn file_index(w: &Workspace, name: &str) -> usize {
    w.files
        .iter()
        .position(|f| f.name == name)
        .expect("a file of the manifest")
}

/// The saved files load with no problem through the validator of `cargo xtask validate`.
fn assert_valid(w: &Workspace) {
    let changed = w.changed_files();
    let dir = common::data_dir();
    let loaded = load_with("manifest.json", |name| {
        changed
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| Ok(t.clone()))
            .unwrap_or_else(|| std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string()))
    })
    .expect("the manifest loads");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
}

#[test]
fn the_bundled_files_open_unchanged_and_save_byte_for_byte() {
    let w = open_bundled();
    assert!(w.changed_files().is_empty());
    assert!(w.changes().is_empty());
    for f in &w.files {
        assert!(f.editable(), "{} is editable", f.name);
        assert_eq!(
            f.text().as_deref(),
            Some(original(&f.name).as_str()),
            "{} is written back byte for byte",
            f.name
        );
    }
    let loaded = w.check();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(loaded.dataset, common::bundled().dataset);
}

/// Each bundled entry written anew is its original text: an edited entry differs only in the
/// lines of the fields that changed.
#[test]
fn every_bundled_entry_is_written_as_it_was() {
    let w = open_bundled();
    let mut seen = 0;
    for (i, f) in w.files.iter().enumerate() {
        let text = original(&f.name);
        for (r, n) in w.nodes().filter(|(r, _)| r.file == i) {
            let path = w.path(r).expect("a place");
            let written = alliance_map::edit::doc::entry_text(n, "    ", true);
            assert!(text.contains(&written), "{}: {path} ({})", f.name, n.id);
            seen += 1;
        }
        for (r, e) in w.edges().filter(|(r, _)| r.file == i) {
            let written = alliance_map::edit::doc::entry_text(e, "    ", true);
            assert!(
                text.contains(&written),
                "{}: {:?} {}",
                f.name,
                w.path(r),
                e.source
            );
            seen += 1;
        }
    }
    assert!(seen > 500, "{seen} entries");
}

#[test]
fn a_session_of_edits_saves_only_those_entries() {
    let mut w = open_bundled();
    let jp = file_index(&w, "jp.json");
    // Add a body with a part_of relation and a source.
    let body = w
        .add_node(jp, new_body("jp-cyber-test-unit"))
        .expect("added");
    w.add_edge(jp, part_of("jp-cyber-test-unit", "jp-nco"))
        .expect("relation added");
    // Change a Japanese name.
    let mod_ref = w.find_node("jp-mod").expect("jp-mod");
    let mut m = w.node(mod_ref).cloned().expect("the body");
    let old_ja = m.name.ja.clone().expect("a Japanese name");
    m.name.ja = Some("防衛省（試験）".into());
    w.update_node(mod_ref, m).expect("changed");
    // Delete a relation (in another file).
    let us = file_index(&w, "us.json");
    let (gone, gone_edge) = w
        .edges()
        .find(|(r, e)| r.file == us && e.kind == EdgeKind::CoordinatesWith)
        .map(|(r, e)| (r, e.clone()))
        .expect("a relation in us.json");
    w.remove_edge(gone);

    assert_valid(&w);
    let changed = w.changed_files();
    let names: Vec<&str> = changed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["us.json", "jp.json"]);

    // jp.json: one line of the MOD's name, then the two new entries.
    let (removed, added) = common::line_diff(&original("jp.json"), &changed[1].1);
    assert_eq!(removed, [format!("        \"ja\": \"{old_ja}\"")]);
    assert_eq!(added[0], "        \"ja\": \"防衛省（試験）\"");
    let rest = added[1..].join("\n");
    assert!(rest.contains("\"id\": \"jp-cyber-test-unit\""), "{rest}");
    assert!(
        rest.contains("\"source\": \"jp-cyber-test-unit\""),
        "{rest}"
    );
    assert_eq!(
        added.len() - 1,
        alliance_map::edit::doc::entry_text(&new_body("jp-cyber-test-unit"), "    ", true)
            .lines()
            .count()
            + alliance_map::edit::doc::entry_text(
                &part_of("jp-cyber-test-unit", "jp-nco"),
                "    ",
                true
            )
            .lines()
            .count(),
        "the new entries' lines, no other: {added:#?}"
    );
    // us.json: only the removed relation's lines.
    let (removed, added) = common::line_diff(&original("us.json"), &changed[0].1);
    assert!(added.is_empty(), "{added:?}");
    let entry = alliance_map::edit::doc::entry_text(&gone_edge, "    ", true);
    assert_eq!(removed.len(), entry.lines().count(), "{removed:#?}");
    assert!(removed.iter().any(|l| l.contains(&gone_edge.source)));

    // The change list says it all, before and after.
    let changes = w.changes();
    let kinds: Vec<(ChangeKind, &What)> = changes.iter().map(|c| (c.kind, &c.what)).collect();
    assert_eq!(changes.len(), 3, "{kinds:#?}");
    let added = changes
        .iter()
        .find(|c| c.kind == ChangeKind::Added)
        .expect("the new body");
    assert_eq!(added.what, What::Body("jp-cyber-test-unit".into()));
    assert_eq!(added.with.len(), 1, "its relation came with it");
    let ja = changes
        .iter()
        .find(|c| c.kind == ChangeKind::Changed)
        .expect("the name change");
    assert_eq!(ja.what, What::Body("jp-mod".into()));
    assert_eq!(ja.fields.len(), 1);
    assert_eq!(ja.fields[0].field, "name.ja");
    assert_eq!(ja.fields[0].before.as_deref(), Some(old_ja.as_str()));
    assert_eq!(ja.fields[0].after.as_deref(), Some("防衛省（試験）"));
    assert!(changes
        .iter()
        .any(|c| c.kind == ChangeKind::Removed && c.file == "us.json"));

    // Undo one change: the others stay.
    w.undo(ja);
    assert!(w.node(body).is_some());
    assert_eq!(w.changes().len(), 2);
    assert!(!w
        .changed_files()
        .iter()
        .any(|(_, t)| t.contains("防衛省（試験）")));
    // Undo the rest: the files are the originals again.
    for c in w.changes() {
        w.undo(&c);
    }
    assert!(w.changed_files().is_empty(), "{:?}", w.changes());
}

#[test]
fn an_edit_that_breaks_a_rule_is_refused_with_the_field_named() {
    let mut w = open_bundled();
    let jp = file_index(&w, "jp.json");
    let before = w.changed_files();

    let mut ends_early = new_body("jp-cyber-test-unit");
    ends_early.until = Some(date("2025-01-01"));
    let refused = w.add_node(jp, ends_early).expect_err("end before start");
    assert_eq!(refused[0].field, "until", "{refused:?}");

    let mut unsourced = new_body("jp-cyber-test-unit");
    unsourced.sources.clear();
    let refused = w.add_node(jp, unsourced).expect_err("no source");
    assert_eq!(refused[0].field, "sources", "{refused:?}");

    let refused = w
        .add_node(jp, new_body("jp-nco"))
        .expect_err("duplicate id");
    assert_eq!(refused[0].field, "id", "{refused:?}");
    assert!(refused[0].message.contains("already used"));
    // A duplicate of a body in a file that comes later is refused too.
    let us = file_index(&w, "us.json");
    let mut dup = new_body("jp-nco");
    dup.country = "jp".into();
    assert_eq!(w.add_node(us, dup).expect_err("duplicate")[0].field, "id");

    let mut bad_url = new_body("jp-cyber-test-unit");
    bad_url.sources[0].url = "ftp://example.org".into();
    let refused = w.add_node(jp, bad_url).expect_err("not a web address");
    assert_eq!(refused[0].field, "sources[0].url", "{refused:?}");

    let refused = w
        .add_edge(jp, part_of("jp-nco", "jp-no-such-body"))
        .expect_err("an end that is not a body");
    assert_eq!(refused[0].field, "target", "{refused:?}");

    let mut edge = part_of("jp-nco", "jp-cabinet");
    edge.sources.clear();
    assert_eq!(
        w.add_edge(jp, edge).expect_err("no source")[0].field,
        "sources"
    );

    // A changed body keeps its id; a bad date in a change is refused too.
    let r = w.find_node("jp-nco").expect("jp-nco");
    let mut nco = w.node(r).cloned().expect("the body");
    nco.id = "jp-nco-2".into();
    assert_eq!(
        w.update_node(r, nco.clone()).expect_err("id")[0].field,
        "id"
    );
    nco.id = "jp-nco".into();
    nco.until = Some(date("1999"));
    assert_eq!(w.update_node(r, nco).expect_err("until")[0].field, "until");
    let mut named = w.node(r).cloned().expect("the body");
    named.name.en = " ".into();
    assert_eq!(
        w.update_node(r, named).expect_err("empty")[0].field,
        "name.en"
    );

    // Nothing refused was kept.
    assert_eq!(w.changed_files(), before);
    assert!(w.changes().is_empty());
}

#[test]
fn deleting_a_body_takes_its_relations_and_undo_brings_them_back() {
    let mut w = open_bundled();
    // A body that no flow and no successor names.
    let flows = w.check().dataset.flows;
    let named: HashSet<String> = flows
        .iter()
        .flat_map(|f| f.steps.iter())
        .flat_map(|s| {
            std::iter::once(s.from.clone())
                .chain(s.to.clone())
                .chain(s.basis.iter().cloned())
        })
        .collect();
    let successors: HashSet<String> = w.nodes().filter_map(|(_, n)| n.successor.clone()).collect();
    let (r, id) = w
        .nodes()
        .filter(|(_, n)| !named.contains(&n.id) && !successors.contains(&n.id))
        .map(|(r, n)| (r, n.id.clone()))
        .max_by_key(|(_, id)| w.relations_of(id).len())
        .expect("a body to delete");
    let expected: Vec<Ref> = w.relations_of(&id);
    assert!(expected.len() >= 2, "{id} has relations");
    let files: HashSet<usize> = expected.iter().map(|e| e.file).collect();

    let gone = w.remove_node(r).expect("deleted");
    assert_eq!(gone, expected);
    assert!(w.find_node(&id).is_none());
    assert!(w.relations_of(&id).is_empty());
    assert_valid(&w);
    let changes = w.changes();
    assert_eq!(changes.len(), 1, "the relations are listed under the body");
    assert_eq!(changes[0].kind, ChangeKind::Removed);
    assert_eq!(changes[0].with.len(), expected.len());
    assert!(w.changed_files().len() >= files.len().min(1));

    w.undo(&changes[0]);
    assert!(w.changed_files().is_empty());
    assert_eq!(w.relations_of(&id).len(), expected.len());
}

#[test]
fn a_body_that_others_name_cannot_be_deleted() {
    let mut w = open_bundled();
    // jp-nisc was succeeded by jp-nco: jp-nisc names jp-nco as its successor.
    let r = w.find_node("jp-nco").expect("jp-nco");
    let refused = w.remove_node(r).expect_err("named by others");
    assert!(
        refused.iter().any(|x| x.message.contains("successor")),
        "{refused:?}"
    );
    assert!(refused.iter().all(|x| x.field == "id"));
    assert!(w.changed_files().is_empty());
}

#[test]
fn ids_are_proposed_from_the_country_and_short_name_and_never_reused() {
    let w = open_bundled();
    let taken = w.ids();
    assert_eq!(ids::propose("us", "CISA", &taken), "us-cisa-2");
    assert_eq!(
        ids::propose("jp", "Cyber Test Unit", &taken),
        "jp-cyber-test-unit"
    );
    assert_eq!(
        ids::propose("jp", "JPCERT/CC", &HashSet::new()),
        "jp-jpcert-cc"
    );
    assert_eq!(ids::propose("jp", "試験室", &HashSet::new()), "jp-body");
    assert_eq!(ids::propose("us", "us-foo", &HashSet::new()), "us-foo");
    assert!(ids::check("us-cisa", "us", &taken)
        .expect("taken")
        .contains("already used"));
    assert!(ids::check("US-New", "us", &taken).is_some());
    assert!(ids::check("jp-new", "us", &taken).is_some());
    assert_eq!(ids::check("us-new-unit", "us", &taken), None);
}

#[test]
fn a_list_that_a_file_lacks_is_added_and_other_styles_are_kept() {
    let manifest = r##"{ "schema_version": 1, "title": { "en": "T" }, "as_of": "2026-01-01",
        "countries": [ { "id": "jp", "name": { "en": "Japan" }, "color": "#aa0000" } ],
        "files": ["a.json", "b.json"] }"##;
    // a.json: written on one line, with an entry the validator cannot read (kept as written).
    let a = "\u{feff}{\"nodes\":[{\"id\":\"jp-a\",\"country\":\"jp\",\"kind\":\"agency\",\"name\":{\"en\":\"A\"},\"roles\":[],\"since\":\"2001\",\"sources\":[{\"url\":\"https://a.jp\",\"title\":\"A\",\"accessed\":\"2026-01-01\"}]},{\"id\":\"jp-odd\",\"colour\":1}]}";
    let b = "{\n  \"nodes\": []\n}\n";
    let mut w = Workspace::open("manifest.json", manifest, |n| match n {
        "a.json" => Some(a.to_string()),
        "b.json" => Some(b.to_string()),
        _ => None,
    })
    .expect("opens");
    assert_eq!(w.files[0].text().as_deref(), Some(a));
    let problems = w.check().problems;
    assert!(
        problems.iter().any(|p| p.place.starts_with("$.nodes[1]")),
        "{problems:?}"
    );
    // A relation added to a file without `edges`, a body to an empty list.
    let mut edge = part_of("jp-b", "jp-a");
    edge.since = None;
    let mut body = new_body("jp-b");
    body.since = date("2002");
    w.add_node(1, body).expect("body added");
    w.add_edge(0, edge).expect("relation added");
    let a2 = w.files[0].text().expect("a text");
    assert!(a2.starts_with('\u{feff}'));
    assert!(
        a2.contains("{\"id\":\"jp-odd\",\"colour\":1}]"),
        "the unreadable entry stays as written: {a2}"
    );
    assert!(
        a2.contains(",\n  \"edges\": [\n    {\n      \"source\": \"jp-b\""),
        "{a2}"
    );
    let b2 = w.files[1].text().expect("b text");
    assert!(
        b2.starts_with("{\n  \"nodes\": [\n    {\n      \"id\": \"jp-b\""),
        "{b2}"
    );
    assert!(b2.ends_with("    }\n  ]\n}\n"), "{b2}");
    // The unreadable entry of a.json is the only problem left.
    let problems = w.check().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    // A file not among those opened is reported and cannot be edited.
    let partial = Workspace::open("manifest.json", manifest, |n| {
        (n == "a.json").then(|| a.to_string())
    })
    .expect("opens");
    assert!(!partial.files[1].editable());
    assert!(partial
        .check()
        .problems
        .iter()
        .any(|p| p.file == "b.json" && p.message.contains("not among the files opened")));
    let r = Ref {
        file: 1,
        list: List::Nodes,
        slot: alliance_map::edit::Slot::Original(0),
    };
    assert!(partial.node(r).is_none());
}

#[test]
fn the_archive_holds_the_changed_files() {
    use std::io::Read;
    let files = vec![
        ("jp.json".to_string(), "{\n  \"nodes\": []\n}\n".to_string()),
        ("us.json".to_string(), "{}\n".to_string()),
    ];
    let bytes = alliance_map::edit::archive::zip("data", &files).expect("an archive");
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a readable archive");
    assert_eq!(archive.len(), 2);
    for (name, text) in &files {
        let mut entry = archive
            .by_name(&format!("data/{name}"))
            .expect("the file is in it");
        let mut read = String::new();
        entry.read_to_string(&mut read).expect("read");
        assert_eq!(&read, text);
    }
}

/// A small dataset in the bundled files' style, for the edge cases of saving.
fn small() -> Workspace {
    let manifest = r##"{ "schema_version": 1, "title": { "en": "T" }, "as_of": "2026-01-01",
        "countries": [ { "id": "jp", "name": { "en": "Japan" }, "color": "#aa0000" } ],
        "files": ["a.json"] }"##;
    let node = |id: &str| {
        let mut n = new_body(id);
        n.since = date("2001");
        alliance_map::edit::doc::entry_text(&n, "    ", true)
    };
    let mut edge = part_of("jp-b", "jp-a");
    edge.since = None;
    let a = format!(
        "{{\n  \"nodes\": [\n    {},\n    {},\n    {}\n  ],\n  \"edges\": [\n    {}\n  ]\n}}\n",
        node("jp-a"),
        "{ \"id\": \"jp-odd\" }",
        node("jp-b"),
        alliance_map::edit::doc::entry_text(&edge, "    ", true)
    );
    Workspace::open("manifest.json", manifest, |n| {
        (n == "a.json").then(|| a.clone())
    })
    .expect("opens")
}

#[test]
fn an_emptied_list_is_written_empty_and_the_rest_keeps_its_text() {
    let mut w = small();
    let original = w.files[0].original().expect("opened").to_string();
    let edge = w.edges().map(|(r, _)| r).next().expect("an edge");
    w.remove_edge(edge);
    let text = w.files[0].text().expect("a text");
    assert!(text.contains("\"edges\": []"), "{text}");
    // The nodes' list is untouched, byte for byte.
    let nodes_part = |t: &str| t[..t.find("\"edges\"").expect("edges")].to_string();
    assert_eq!(nodes_part(&text), nodes_part(&original));
    // Removing the first body keeps the unreadable entry and the other body as written.
    let first = w.find_node("jp-a").expect("jp-a");
    w.remove_node(first).expect("removed");
    let text = w.files[0].text().expect("a text");
    assert!(
        text.starts_with(
            "{\n  \"nodes\": [\n    { \"id\": \"jp-odd\" },\n    {\n      \"id\": \"jp-b\""
        ),
        "{text}"
    );
    for c in w.changes() {
        w.undo(&c);
    }
    assert_eq!(w.files[0].text().as_deref(), Some(original.as_str()));
}

#[test]
fn a_refusal_names_the_field_of_the_right_entry_past_an_unreadable_one() {
    let mut w = small();
    // jp-b is the third entry, after the unreadable one: the validator calls it $.nodes[2].
    let r = w.find_node("jp-b").expect("jp-b");
    assert_eq!(w.path(r).as_deref(), Some("$.nodes[2]"));
    let mut b = w.node(r).cloned().expect("the body");
    b.until = Some(date("1990"));
    let refused = w.update_node(r, b).expect_err("until before since");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].field, "until");
    // The unreadable entry's own problems are not the edit's.
    let mut b = w.node(r).cloned().expect("the body");
    b.name.ja = Some("試験B".into());
    w.update_node(r, b)
        .expect("a change to a good entry is kept");
    // An added body's path is after every entry kept.
    let added = w.add_node(0, new_body("jp-c")).expect("added");
    assert_eq!(w.path(added).as_deref(), Some("$.nodes[3]"));
}

#[test]
fn the_map_says_why_it_did_not_open_the_editor() {
    use alliance_map::view::ViewState;
    let (view, notices) = ViewState::parse("edit=1&embed=1");
    assert!(view.embed);
    let said: Vec<String> = notices.iter().map(|n| n.to_string()).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("edit") && said[0].contains("not in an embed"),
        "{said:?}"
    );
}
