//! Generated datasets, served from memory: small variants, and graphs of any size for the
//! scale checks and the load benchmark.

// Shared by several test crates; not every crate uses every part.
#![allow(dead_code)]

use serde_json::json;

use super::server::Reply;

/// A dataset of `n` bodies and no relations in folder `dir`, as the server's overrides.
pub fn variant(dir: &str, n: usize) -> Vec<(String, Reply)> {
    generated(dir, n, false)
}

/// A dataset of `n` bodies and about `2n` relations in folder `dir`: a `part_of` tree (each
/// body under body `(i - 1) / 2`) plus one `coordinates_with` per body to a far one.
pub fn linked(dir: &str, n: usize) -> Vec<(String, Reply)> {
    generated(dir, n, true)
}

fn generated(dir: &str, n: usize, edges: bool) -> Vec<(String, Reply)> {
    let manifest = json!({
        "schema_version": 1, "title": { "en": "Variant" }, "as_of": "2026-01-01",
        "countries": [ { "id": "us", "name": { "en": "United States" }, "color": "#2f5fb3" } ],
        "files": ["a.json"]
    });
    let source =
        json!([{ "url": "https://example.org/", "title": "Example", "accessed": "2026-01-01" }]);
    let nodes: Vec<_> = (0..n)
        .map(|i| json!({ "id": format!("us-v{i}"), "country": "us", "kind": "agency", "name": { "en": format!("Variant body {i}") }, "roles": [], "since": "2020", "sources": source }))
        .collect();
    let mut links = Vec::new();
    if edges {
        for i in 1..n {
            links.push(json!({ "source": format!("us-v{i}"), "target": format!("us-v{}", (i - 1) / 2), "kind": "part_of", "sources": source }));
            let far = (i * 7919 + n / 2) % n;
            if far != i && far != (i - 1) / 2 {
                links.push(json!({ "source": format!("us-v{i}"), "target": format!("us-v{far}"), "kind": "coordinates_with", "sources": source }));
            }
        }
    }
    let reply = |body: String| Reply::new(200, "application/json", body);
    vec![
        (format!("{dir}/manifest.json"), reply(manifest.to_string())),
        (
            format!("{dir}/a.json"),
            reply(json!({ "nodes": nodes, "edges": links }).to_string()),
        ),
    ]
}
