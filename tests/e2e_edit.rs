//! End-to-end: the dataset editor (`?edit=1`) in headless Chromium against the release build.
//! A maintainer opens the bundled dataset from disk, adds a body with a relation and a source,
//! changes a Japanese name, deletes a relation, and downloads the changed files: they pass the
//! validator and differ from the originals only in those entries. Edits that break a rule are
//! refused with the field named; nothing is requested from the network once the files are
//! chosen; axe-core finds nothing in the editor.

#[path = "support/browser.rs"]
mod browser;
mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;
use std::path::PathBuf;

use alliance_map::edit::doc::entry_text;
use alliance_map::model::{load_with, Edge, Node};
use browser::Browser;
use common::dist;
use fantoccini::elements::Element;
use fantoccini::Locator;
use server::Server;

const NEW_ID: &str = "jp-test-cyber-unit";
const NEW_JA: &str = "防衛省（試験）";

fn css(s: &str) -> Locator<'_> {
    Locator::Css(s)
}

async fn field(b: &Browser, key: &str) -> Element {
    b.client
        .find(css(&format!("form [data-field=\"{key}\"]")))
        .await
        .unwrap_or_else(|e| panic!("field {key}: {e}"))
}

/// Replaces a text field's value, typing as a person would.
async fn type_into(b: &Browser, key: &str, text: &str) {
    let f = field(b, key).await;
    f.clear()
        .await
        .unwrap_or_else(|e| panic!("clear {key}: {e}"));
    if !text.is_empty() {
        f.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {key}: {e}"));
    }
}

async fn choose(b: &Browser, key: &str, value: &str) {
    field(b, key)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value} in {key}: {e}"));
}

async fn apply(b: &Browser) {
    b.click("form [data-action=\"apply\"]").await;
}

/// Waits until the form refuses the edit and names `key`, marked invalid.
async fn refused_naming(b: &Browser, key: &str) {
    wait_for(
        b,
        &format!("!!document.querySelector('[data-panel=\"refused\"] [data-refused=\"{key}\"]')"),
        20,
    )
    .await;
    let invalid = b
        .eval(&format!(
            "document.querySelector('form [data-field=\"{key}\"]').getAttribute('aria-invalid')"
        ))
        .await;
    assert_eq!(invalid, "true", "{key} is marked invalid");
    let said = b.text("[data-panel=\"refused\"]").await;
    assert!(said.contains(key), "the refusal names {key}: {said}");
    // The name links to the field.
    let linked = b
        .eval(&format!(
            "document.querySelector(document.querySelector('[data-refused=\"{key}\"] a').getAttribute('href'))?.dataset.field"
        ))
        .await;
    assert_eq!(linked, key, "the refusal links to the field");
}

/// Waits for `expr`; on time-out says what the editor shows (status, refusals, changes).
async fn wait_for(b: &Browser, expr: &str, secs: u64) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if b.eval(&format!("!!({expr})")).await == serde_json::Value::Bool(true) {
            return;
        }
        if std::time::Instant::now() > deadline {
            let shown = b
                .eval(
                    "['.edit-status', '[data-panel=\"refused\"]', '[data-panel=\"edits\"]', '[data-panel=\"problems\"]'].map(s => s + ': ' + (document.querySelector(s)?.textContent ?? '-')).join(' | ') \
                     + ' | focus: ' + (document.activeElement?.outerHTML ?? '-').slice(0, 200)",
                )
                .await;
            panic!(
                "timed out after {secs} s waiting for: {expr}\n{}\nconsole: {:?}",
                shown.as_str().unwrap_or_default(),
                b.console().await
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn edits_count(b: &Browser) -> u64 {
    b.eval("document.querySelectorAll('[data-panel=\"edits\"] > ol > li').length")
        .await
        .as_u64()
        .unwrap_or(0)
}

/// A server for the release build, and a browser on the editor's page `path`, ready.
async fn open_editor(path: &str) -> (Server, Browser) {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.client
        .goto(&server.url(path))
        .await
        .expect("open the editor");
    wait_for(
        &b,
        "!!document.querySelector('[data-drop=\"dataset\"] input[data-input=\"folder\"]')",
        60,
    )
    .await;
    (server, b)
}

fn bundled_paths() -> Vec<PathBuf> {
    let dir = common::data_dir();
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("manifest"),
    )
    .expect("manifest JSON");
    let mut paths = vec![dir.join("manifest.json")];
    for f in manifest["files"].as_array().expect("files") {
        paths.push(dir.join(f.as_str().expect("a name")));
    }
    paths
}

/// Lines of an entry as a data file holds it (in a list, indented by four spaces), without
/// the trailing commas a list adds.
fn lines_of(text: &str) -> Vec<String> {
    format!("    {text}")
        .lines()
        .map(|l| l.trim_end_matches(',').to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_maintainer_checks_edits_and_saves_the_bundled_dataset() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;

    // `?edit=1` on the map opens the editor's page, with the same query.
    b.client
        .goto(&server.url("?edit=1"))
        .await
        .expect("open the page");
    wait_for(
        &b,
        "location.pathname.endsWith('/edit.html') && location.search === '?edit=1' \
         && !!document.querySelector('input[type=file][data-input=\"dataset\"][multiple]')",
        60,
    )
    .await;
    let note = b.text("[data-note='nothing-uploaded']").await;
    assert!(note.contains("Nothing is uploaded"), "{note}");
    assert!(b
        .eval(
            "!!document.querySelector('input[type=file][data-input=\"folder\"][webkitdirectory]')"
        )
        .await
        .as_bool()
        .unwrap_or(false));
    assert_eq!(
        b.eval("!!document.querySelector('[data-drop=\"dataset\"]')")
            .await,
        true
    );

    // The File System Access API as Chromium offers it, standing in for the folder the
    // maintainer would pick (a headless browser cannot show the picker): it records what the
    // editor writes, file by file, and that each file is closed.
    b.eval(
        "(() => { window.__written = {}; window.showDirectoryPicker = async (o) => { \
           window.__mode = o && o.mode; return { getFileHandle: async (name, opts) => ({ \
             createWritable: async () => { let body = null; return { \
               write: async (t) => { body = t; }, \
               close: async () => { window.__written[name] = body; } }; } }) }; }; return true; })()",
    )
    .await;

    // Open the bundled files from disk, several at once.
    let requests_before = server.requests.lock().map(|r| r.len()).unwrap_or(0);
    let paths: Vec<String> = bundled_paths()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    b.client
        .find(css("input[type=file][data-input=\"dataset\"]"))
        .await
        .expect("the file input")
        .send_keys(&paths.join("\n"))
        .await
        .expect("choose the files");
    wait_for(
        &b,
        "document.querySelector('[data-panel=\"problems\"]')?.dataset.count === '0'",
        60,
    )
    .await;
    assert_eq!(
        b.eval("document.querySelector('[data-panel=\"problems\"]').getAttribute('role')")
            .await,
        "status",
        "no problems: not an alert"
    );
    // The map previews the dataset as opened.
    wait_for(
        &b,
        "document.querySelectorAll('.edit-map [data-node-id]').length > 20",
        60,
    )
    .await;
    assert_eq!(edits_count(&b).await, 0);

    // --- Add a body, first breaking the rules one at a time.
    b.click("[data-action=\"add-body\"]").await;
    b.wait_until("!!document.querySelector('form[data-form=\"body\"]')", 10)
        .await;
    choose(&b, "country", "jp").await;
    choose(&b, "kind", "agency").await;
    type_into(&b, "name.en", "Test Cyber Unit").await;
    type_into(&b, "name.ja", "サイバー試験室").await;
    type_into(&b, "short.en", "Test Cyber Unit").await;
    let proposed = b
        .eval("document.querySelector('form [data-field=\"id\"]').value")
        .await;
    assert_eq!(
        proposed, NEW_ID,
        "the id is proposed from country and short name"
    );
    type_into(&b, "since", "2026-04-01").await;
    type_into(&b, "parent", "jp-nco").await;
    type_into(&b, "sources[0].url", "https://www.example.go.jp/cyber-test").await;
    type_into(&b, "sources[0].title", "Example: the test cyber unit").await;
    type_into(&b, "sources[0].accessed", "2026-12-06").await;
    // A date is checked as it is typed.
    type_into(&b, "until", "2025-13").await;
    wait_for(&b,
        "document.querySelector('form [data-field=\"until\"]').getAttribute('aria-invalid') === 'true'",
        10,
    )
    .await;
    // The end before the start: the validator's rule marks the field as it is typed, before
    // anything is applied (the list above the form waits for Apply).
    type_into(&b, "until", "2025-01-01").await;
    wait_for(
        &b,
        "document.querySelector('form [data-field=\"until\"]').getAttribute('aria-invalid') === 'true' \
         && (document.getElementById('f-until-error')?.textContent ?? '').includes('before since')",
        10,
    )
    .await;
    assert_eq!(
        b.eval("!!document.querySelector('[data-panel=\"refused\"]')")
            .await,
        false
    );
    apply(&b).await;
    refused_naming(&b, "until").await;
    assert_eq!(edits_count(&b).await, 0, "nothing refused is kept");
    type_into(&b, "until", "").await;
    // No source.
    b.click("form [data-action=\"remove-source\"]").await;
    apply(&b).await;
    refused_naming(&b, "sources").await;
    b.click("form [data-action=\"add-source\"]").await;
    type_into(&b, "sources[0].url", "https://www.example.go.jp/cyber-test").await;
    type_into(&b, "sources[0].title", "Example: the test cyber unit").await;
    type_into(&b, "sources[0].accessed", "2026-12-06").await;
    // An id in use.
    type_into(&b, "id", "jp-nco").await;
    apply(&b).await;
    refused_naming(&b, "id").await;
    assert!(b
        .text("[data-panel=\"refused\"]")
        .await
        .contains("already used"));
    assert_eq!(edits_count(&b).await, 0);
    // Now right.
    type_into(&b, "id", NEW_ID).await;
    apply(&b).await;
    wait_for(&b,
        &format!("[...document.querySelectorAll('[data-panel=\"edits\"] li[data-change-kind=\"added\"]')].some(li => li.textContent.includes('{NEW_ID}'))"),
        30,
    )
    .await;
    wait_for(
        &b,
        &format!("!!document.querySelector('.edit-map [data-node-id=\"{NEW_ID}\"]')"),
        60,
    )
    .await;
    // The keyboard focus is on the body now shown in the form, not lost with the old form.
    wait_for(&b, "document.activeElement?.id === 'body-form-title'", 10).await;

    // --- Add a relation between the new body and the NPA.
    b.click("[data-action=\"add-relation\"]").await;
    b.wait_until(
        "!!document.querySelector('form[data-form=\"relation\"]')",
        10,
    )
    .await;
    type_into(&b, "source", NEW_ID).await;
    choose(&b, "kind", "coordinates_with").await;
    // The other end picked on the map: the NCO, drawn as the new body's parent.
    wait_for(
        &b,
        "document.querySelector('.edit-map svg.map-canvas')?.dataset.layout === 'settled' \
         && document.querySelector('.edit-map [data-node-id=\"jp-nco\"] .hit')?.getBoundingClientRect().width > 0",
        60,
    )
    .await;
    // (By keyboard, as the map offers it: focus the body, Enter selects it.)
    b.eval("document.querySelector('.edit-map [data-node-id=\"jp-nco\"]').focus() || true")
        .await;
    b.press("\u{E007}").await;
    b.click("form [data-action=\"pick-target\"]").await;
    wait_for(
        &b,
        "document.querySelector('form [data-field=\"target\"]').value === 'jp-nco'",
        10,
    )
    .await;
    assert!(
        b.eval("!!document.querySelector('form[data-form=\"relation\"]')")
            .await
            == true,
        "a click on the map keeps the relation form"
    );
    // ...and changed by search: the suggestions list every body.
    let suggested = b
        .eval("[...document.querySelectorAll('#edit-bodies option')].map(o => o.value).includes('jp-npa')")
        .await;
    assert_eq!(suggested, true);
    type_into(&b, "target", "jp-npa").await;
    type_into(
        &b,
        "sources[0].url",
        "https://www.example.go.jp/cyber-test/npa",
    )
    .await;
    type_into(&b, "sources[0].title", "Example: working with the NPA").await;
    type_into(&b, "sources[0].accessed", "2026-12-06").await;
    apply(&b).await;
    wait_for(
        &b,
        "!!document.querySelector('[data-panel=\"edits\"] li[data-change-kind=\"added\"] li')",
        30,
    )
    .await;

    let violations = b.axe().await;
    assert!(
        violations.is_empty(),
        "axe-core, relation form: {violations:#?}"
    );

    // A change can be undone on its own: change the NPA's English short name, then undo it.
    b.client
        .find(css("[data-input=\"find\"]"))
        .await
        .expect("the search")
        .send_keys("jp-npa")
        .await
        .expect("type");
    b.click("[data-action=\"edit-body\"]").await;
    wait_for(
        &b,
        "document.querySelector('form[data-form=\"body\"] [data-field=\"id\"]')?.value === 'jp-npa'",
        10,
    )
    .await;
    type_into(&b, "short.en", "NPA (undo me)").await;
    apply(&b).await;
    wait_for(
        &b,
        "!!document.querySelector('[data-panel=\"edits\"] li[data-change-kind=\"changed\"]')",
        30,
    )
    .await;
    assert_eq!(edits_count(&b).await, 2);
    b.click("[data-panel=\"edits\"] li[data-change-kind=\"changed\"] [data-action=\"undo\"]")
        .await;
    wait_for(
        &b,
        "!document.querySelector('[data-panel=\"edits\"] li[data-change-kind=\"changed\"]')",
        30,
    )
    .await;
    assert_eq!(edits_count(&b).await, 1, "the body added stays");
    wait_for(&b, "document.activeElement?.id === 'edits-title'", 10).await;
    b.client
        .find(css("[data-input=\"find\"]"))
        .await
        .expect("the search")
        .clear()
        .await
        .expect("clear");

    // --- Change a Japanese name.
    b.client
        .find(css("[data-input=\"find\"]"))
        .await
        .expect("the search")
        .send_keys("jp-mod")
        .await
        .expect("type");
    b.click("[data-action=\"edit-body\"]").await;
    wait_for(&b,
        "document.querySelector('form[data-form=\"body\"] [data-field=\"id\"]')?.value === 'jp-mod'",
        10,
    )
    .await;
    let old_ja = b
        .eval("document.querySelector('form [data-field=\"name.ja\"]').value")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!old_ja.is_empty());
    type_into(&b, "name.ja", NEW_JA).await;
    apply(&b).await;
    wait_for(&b,
        "!!document.querySelector('[data-panel=\"edits\"] li[data-change-kind=\"changed\"] tr[data-change-field=\"name.ja\"]')",
        30,
    )
    .await;
    let row = b
        .text("[data-panel=\"edits\"] tr[data-change-field=\"name.ja\"]")
        .await;
    assert!(
        row.contains(&old_ja) && row.contains(NEW_JA),
        "before and after: {row}"
    );

    // Deleting the body asks first and lists the relations that would go.
    let dataset = common::bundled().dataset;
    let mod_relations = dataset
        .edges
        .iter()
        .filter(|e| e.source == "jp-mod" || e.target == "jp-mod")
        .count();
    b.click("[data-action=\"delete-body\"]").await;
    let listed = b
        .eval("document.querySelectorAll('[data-panel=\"confirm-delete\"] li').length")
        .await;
    assert_eq!(listed, serde_json::json!(mod_relations));
    b.click("[data-action=\"cancel-delete\"]").await;

    // --- Delete a relation of the MOD.
    let deleted = b
        .eval(
            "(() => { const li = document.querySelector('.body-relations li'); \
               return [li.dataset.edgeSource, li.dataset.edgeKind, li.dataset.edgeTarget]; })()",
        )
        .await;
    b.click(".body-relations li [data-action=\"delete-relation\"]")
        .await;
    wait_for(
        &b,
        "!!document.querySelector('[data-panel=\"edits\"] li[data-change-kind=\"removed\"]')",
        30,
    )
    .await;
    assert_eq!(
        edits_count(&b).await,
        3,
        "{}",
        b.text("[data-panel=\"edits\"]").await
    );
    assert_eq!(
        b.eval("document.querySelector('[data-panel=\"problems\"]').dataset.count")
            .await,
        "0"
    );

    // axe-core: the editor with a form, the change list and the map, in both languages.
    let violations = b.axe().await;
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    b.click(".editor-nav .lang-switch").await;
    b.wait_until("document.documentElement.lang === 'ja'", 10)
        .await;
    let said = b.text("[data-note='nothing-uploaded']").await;
    assert!(said.contains("アップロードされません"), "{said}");
    let violations = b.axe().await;
    assert!(
        violations.is_empty(),
        "axe-core in Japanese: {violations:#?}"
    );

    // --- Download the changed files.
    let names: Vec<String> = b
        .eval(
            "[...document.querySelectorAll('[data-action=\"download\"]')].map(x => x.dataset.file)",
        )
        .await
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert!(names.contains(&"jp.json".to_string()), "{names:?}");
    let mut saved: HashMap<String, String> = HashMap::new();
    for name in &names {
        b.click(&format!("[data-action=\"download\"][data-file=\"{name}\"]"))
            .await;
        let path = b.downloaded(name).await;
        saved.insert(
            name.clone(),
            std::fs::read_to_string(&path).expect("a downloaded file"),
        );
    }
    b.click("[data-action=\"download-zip\"]").await;
    let zip_bytes =
        std::fs::read(b.downloaded("alliance-map-data.zip").await).expect("the archive");

    // Saving into the folder asks first, names the files, then writes each one.
    b.click("[data-action=\"save-folder\"]").await;
    let listed = b.text("[data-panel=\"confirm-save-folder\"] ul").await;
    for name in &names {
        assert!(listed.contains(name.as_str()), "{name} is named: {listed}");
    }
    assert_eq!(
        b.eval("Object.keys(window.__written).length").await,
        0,
        "nothing before the confirmation"
    );
    b.click("[data-action=\"confirm-save-folder\"]").await;
    wait_for(
        &b,
        &format!("Object.keys(window.__written).length === {}", names.len()),
        20,
    )
    .await;
    assert_eq!(b.eval("window.__mode").await, "readwrite");
    for name in &names {
        let written = b
            .eval(&format!("window.__written[{}]", serde_json::json!(name)))
            .await;
        assert_eq!(
            written.as_str(),
            saved.get(name).map(String::as_str),
            "{name} in the folder"
        );
    }

    // Nothing was requested once the files were chosen, and nothing ever left the origin;
    // the editor's page never fetched the dataset at all.
    let requests = server
        .requests
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default();
    assert_eq!(
        requests.len(),
        requests_before,
        "requests after the files were chosen: {:?}",
        &requests[requests_before.min(requests.len())..]
    );
    // (The map's page may preload its own first files before it hands over to the editor.)
    let editor_page = requests
        .iter()
        .position(|r| r.starts_with("/edit.html"))
        .expect("the editor's page was requested");
    assert!(
        !requests[editor_page..].iter().any(|r| r.contains("data/")),
        "{requests:?}"
    );
    let origin = server.url("");
    let resources = b
        .eval("performance.getEntriesByType('resource').map(e => e.name)")
        .await;
    for r in resources.as_array().cloned().unwrap_or_default() {
        let r = r.as_str().unwrap_or_default();
        assert!(r.starts_with(&origin), "{r} is not from {origin}");
    }
    let console = b.console().await;
    assert!(browser::severe(&console).is_empty(), "console: {console:?}");
    b.close().await;

    // The saved files pass the validator of `cargo xtask validate`.
    let dir = common::data_dir();
    let loaded = load_with("manifest.json", |name| match saved.get(name) {
        Some(text) => Ok(text.clone()),
        None => std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string()),
    })
    .expect("the manifest loads");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let d = &loaded.dataset;
    let new_body: &Node = d
        .nodes
        .iter()
        .find(|n| n.id == NEW_ID)
        .expect("the new body");
    assert_eq!(new_body.name.ja.as_deref(), Some("サイバー試験室"));
    assert_eq!(
        d.nodes
            .iter()
            .find(|n| n.id == "jp-mod")
            .and_then(|n| n.name.ja.as_deref()),
        Some(NEW_JA)
    );
    let new_edges: Vec<&Edge> = d.edges.iter().filter(|e| e.source == NEW_ID).collect();
    assert_eq!(new_edges.len(), 2, "{new_edges:#?}");
    assert_eq!(
        d.edges.len(),
        dataset.edges.len() + 1,
        "two added, one deleted"
    );

    // The files differ from the originals only in those entries (a textual diff).
    let deleted: Vec<String> = deleted
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let gone = dataset
        .edges
        .iter()
        .find(|e| e.source == deleted[0] && e.kind.as_str() == deleted[1] && e.target == deleted[2])
        .expect("the deleted relation was in the data");
    let mut expected_removed = vec![format!("        \"ja\": \"{old_ja}\"")];
    expected_removed.extend(lines_of(&entry_text(gone, "    ", true)));
    let mut expected_added = vec![format!("        \"ja\": \"{NEW_JA}\"")];
    expected_added.extend(lines_of(&entry_text(new_body, "    ", true)));
    for e in &new_edges {
        expected_added.extend(lines_of(&entry_text(*e, "    ", true)));
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (name, text) in &saved {
        let original = std::fs::read_to_string(dir.join(name)).expect("the original");
        let (r, a) = common::line_diff(&original, text);
        removed.extend(r.iter().map(|l| l.trim_end_matches(',').to_string()));
        added.extend(a.iter().map(|l| l.trim_end_matches(',').to_string()));
    }
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(removed), sorted(expected_removed), "lines removed");
    assert_eq!(sorted(added), sorted(expected_added), "lines added");

    // The archive holds the same files.
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a readable archive");
    assert_eq!(archive.len(), saved.len());
    for (name, text) in &saved {
        use std::io::Read;
        let mut entry = archive
            .by_name(&format!("data/{name}"))
            .expect("the file is in the archive");
        let mut read = String::new();
        entry.read_to_string(&mut read).expect("read");
        assert_eq!(&read, text, "{name} in the archive");
    }
}

/// In an embed, `edit=1` does nothing: the map stays the map.
#[tokio::test(flavor = "multi_thread")]
async fn the_editor_is_not_offered_in_an_embed() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start().await;
    b.goto_settled(&server.url("?embed=1&edit=1")).await;
    let path = b.eval("location.pathname").await;
    assert_eq!(path, "/", "no editor in an embed");
    let said = b.text("[data-panel='notices']").await;
    assert!(said.contains("not in an embed"), "the map says why: {said}");
    b.close().await;
}

/// Files dropped on the page are opened like chosen ones: a manifest whose other files are
/// missing, and a file that breaks the rules, are reported with file and JSON path in an
/// alert.
#[tokio::test(flavor = "multi_thread")]
async fn dropped_files_with_problems_are_reported() {
    let (_server, b) = open_editor("edit.html").await;
    // The manifest and one broken data file; the others are not there.
    let dir = common::data_dir();
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let jp = std::fs::read_to_string(dir.join("jp.json")).expect("jp.json");
    let jp = jp.replacen("\"since\": \"", "\"since\": \"not-", 1);
    let script = format!(
        "const dt = new DataTransfer(); \
         dt.items.add(new File([{}], 'manifest.json', {{ type: 'application/json' }})); \
         dt.items.add(new File([{}], 'jp.json', {{ type: 'application/json' }})); \
         const zone = document.querySelector('[data-drop=\"dataset\"]'); \
         zone.dispatchEvent(new DragEvent('dragover', {{ dataTransfer: dt, bubbles: true, cancelable: true }})); \
         zone.dispatchEvent(new DragEvent('drop', {{ dataTransfer: dt, bubbles: true, cancelable: true }})); \
         return true;",
        serde_json::json!(manifest),
        serde_json::json!(jp)
    );
    b.client
        .execute(&script, vec![])
        .await
        .expect("drop the files");
    wait_for(
        &b,
        "document.querySelector('[data-panel=\"problems\"][role=\"alert\"]')",
        60,
    )
    .await;
    let report = b.text("[data-panel=\"problems\"]").await;
    assert!(report.contains("jp.json $.nodes[0].since"), "{report}");
    assert!(
        report.contains("us.json"),
        "a file not given is named: {report}"
    );
    assert!(report.contains("not among the files opened"), "{report}");
    let violations = b.axe().await;
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    b.close().await;
}

/// A whole folder chosen at once (the data folder as it is in the repository) opens with no
/// problem; the files it has beside the dataset (README, schemas) are left alone.
#[tokio::test(flavor = "multi_thread")]
async fn a_folder_opens_as_a_dataset() {
    let (_server, b) = open_editor("edit.html?lang=ja").await;
    assert_eq!(b.eval("document.documentElement.lang").await, "ja");
    b.client
        .find(css("input[type=file][data-input=\"folder\"]"))
        .await
        .expect("the folder input")
        .send_keys(&common::data_dir().display().to_string())
        .await
        .expect("choose the folder");
    wait_for(
        &b,
        "document.querySelector('[data-panel=\"problems\"]')?.dataset.count === '0'",
        60,
    )
    .await;
    let opened = b.text(".opened").await;
    for name in [
        "manifest.json",
        "us.json",
        "jp.json",
        "alliance.json",
        "laws.json",
        "flows.json",
    ] {
        assert!(opened.contains(name), "{name}: {opened}");
    }
    wait_for(
        &b,
        "document.querySelectorAll('.edit-map [data-node-id]').length > 20",
        60,
    )
    .await;
    b.close().await;
}

/// The editor in the dark theme, with a refused edit on screen (its red marks): axe-core finds
/// nothing.
#[tokio::test(flavor = "multi_thread")]
async fn the_editor_in_the_dark_theme_passes_axe() {
    let server = Server::start(&dist(), HashMap::new());
    let b = Browser::start_with(&[
        "--force-dark-mode",
        "--blink-settings=preferredColorScheme=0",
    ])
    .await;
    b.client
        .goto(&server.url("edit.html"))
        .await
        .expect("open the editor");
    wait_for(
        &b,
        "!!document.querySelector('input[data-input=\"dataset\"]')",
        60,
    )
    .await;
    assert_eq!(
        b.eval("matchMedia('(prefers-color-scheme: dark)').matches")
            .await,
        true,
        "dark mode in effect"
    );
    let paths: Vec<String> = bundled_paths()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    b.client
        .find(css("input[type=file][data-input=\"dataset\"]"))
        .await
        .expect("the file input")
        .send_keys(&paths.join("\n"))
        .await
        .expect("choose the files");
    wait_for(
        &b,
        "document.querySelector('[data-panel=\"problems\"]')?.dataset.count === '0'",
        60,
    )
    .await;
    b.click("[data-action=\"add-body\"]").await;
    wait_for(
        &b,
        "!!document.querySelector('form[data-form=\"body\"]')",
        10,
    )
    .await;
    type_into(&b, "name.en", "Dark Test Unit").await;
    type_into(&b, "since", "2026-04").await;
    type_into(&b, "until", "2025").await;
    apply(&b).await;
    refused_naming(&b, "until").await;
    let violations = b.axe().await;
    assert!(
        violations.is_empty(),
        "axe-core, dark theme: {violations:#?}"
    );
    b.close().await;
}

/// The reader's wasm carries none of the editor (its strings, its core, the archive); the
/// editor's wasm, read the same way, does.
#[test]
fn the_readers_wasm_carries_none_of_the_editor() {
    let wasm = |editor: bool| -> Vec<u8> {
        let found: Vec<PathBuf> = std::fs::read_dir(dist())
            .expect("the build")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.ends_with("_bg.wasm")
                    && name.starts_with("alliance-map-")
                    && name.starts_with("alliance-map-edit-") == editor
            })
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        std::fs::read(&found[0]).expect("the wasm")
    };
    let (reader, editor) = (wasm(false), wasm(true));
    let has = |bytes: &[u8], s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    for probe in [
        "Check and edit a dataset",
        "データセットの確認と編集",
        "not among the files opened",
        "alliance-map-data.zip",
    ] {
        assert!(has(&editor, probe), "the editor's wasm has {probe:?}");
        assert!(!has(&reader, probe), "the reader's wasm has {probe:?}");
    }
    println!(
        "reader wasm {} KB, editor wasm {} KB",
        reader.len() / 1024,
        editor.len() / 1024
    );
}
