//! The rules a dataset must keep, each reported with its file and JSON path.
//!
//! A record is dropped only when the map cannot draw it honestly (no usable id, an unknown
//! country, no name, an edge to nothing, a `part_of` loop). Everything else — a bad source URL,
//! dates in the wrong order — is reported and the record kept, so a typo in one place never
//! hides an organization.

use std::collections::{HashMap, HashSet};

use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;

use super::date::PartialDate;
use super::load::Origin;
use super::problem::Problem;
use super::types::{
    Edge, EdgeKind, Flow, Manifest, Node, NodeKind, Source, Text, INTL, SCHEMA_VERSION,
};
use super::Dataset;

/// Checks the manifest on its own.
pub fn manifest(file: &str, m: &Manifest) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut p = |place: String, msg: String| out.push(Problem::new(file, place, msg));
    if m.schema_version != SCHEMA_VERSION {
        p(
            "$.schema_version".into(),
            format!(
                "schema_version {} is not supported: this map reads version {SCHEMA_VERSION}",
                m.schema_version
            ),
        );
    }
    text(&m.title, "$.title", &mut p);
    let mut seen = HashMap::new();
    for (i, c) in m.countries.iter().enumerate() {
        let at = format!("$.countries[{i}]");
        if !is_id(&c.id) {
            p(
                format!("{at}.id"),
                format!(
                    "\"{}\" is not a valid id: use lowercase letters, digits and -",
                    c.id
                ),
            );
        }
        if c.id == INTL {
            p(
                format!("{at}.id"),
                "\"intl\" is built in and must not be declared".into(),
            );
        }
        if let Some(first) = seen.insert(c.id.as_str(), i) {
            p(
                format!("{at}.id"),
                format!(
                    "duplicate country id \"{}\" (first at $.countries[{first}])",
                    c.id
                ),
            );
        }
        text(&c.name, &format!("{at}.name"), &mut p);
        if !is_color(&c.color) {
            p(
                format!("{at}.color"),
                format!("\"{}\" is not a colour: write #rrggbb", c.color),
            );
        }
    }
    if m.files.is_empty() {
        p("$.files".into(), "the manifest lists no data files".into());
    }
    for (i, f) in m.files.iter().enumerate() {
        if f.is_empty()
            || f.starts_with('/')
            || f.contains("..")
            || f.contains("://")
            || f.contains('\\')
        {
            p(
                format!("$.files[{i}]"),
                format!("\"{f}\" must be a plain path relative to the manifest"),
            );
        }
    }
    out
}

/// Checks the reform presets and keeps the usable ones: a valid id not used before, an English
/// title, `from` before `to` (`to` left out is `as_of`). Reported against `manifest.json`, and
/// never fatal: a bad preset costs only that preset, not the map.
fn reforms(m: &mut Manifest, problems: &mut Vec<Problem>) {
    let as_of = m.as_of;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut index = 0;
    m.reforms.retain(|r| {
        let (i, at) = (index, format!("$.reforms[{index}]"));
        index += 1;
        let mut p = |place: String, msg: String| {
            problems.push(Problem::new("manifest.json", place, msg));
        };
        let mut usable = true;
        if !is_id(&r.id) {
            p(
                format!("{at}.id"),
                format!(
                    "\"{}\" is not a valid id: use lowercase letters, digits and -",
                    clip(&r.id)
                ),
            );
            usable = false;
        } else if let Some(first) = seen.get(&r.id) {
            p(
                format!("{at}.id"),
                format!(
                    "duplicate reform id \"{}\" (first at $.reforms[{first}])",
                    r.id
                ),
            );
            usable = false;
        } else {
            seen.insert(r.id.clone(), i);
        }
        if !text(&r.title, &format!("{at}.title"), &mut p) {
            usable = false;
        }
        let end = match r.to {
            Some(to) => format!("to {to}"),
            None => format!("as_of {as_of} (to is left out)"),
        };
        if r.from.start() >= r.to.unwrap_or(as_of).start() {
            let place = if r.to.is_some() { "to" } else { "from" };
            p(
                format!("{at}.{place}"),
                format!(
                    "from {} is not before {end}: a reform needs two dates in order",
                    r.from
                ),
            );
            usable = false;
        }
        usable
    });
}

/// Checks nodes and edges together and keeps the ones that can be drawn.
pub fn dataset(
    manifest: Manifest,
    nodes: Vec<(Origin, Node)>,
    edges: Vec<(Origin, Edge)>,
    problems: &mut Vec<Problem>,
) -> Dataset {
    let mut manifest = manifest;
    reforms(&mut manifest, problems);
    let file_name = |o: Origin| manifest.files.get(o.file).cloned().unwrap_or_default();
    let countries: HashSet<&str> = manifest
        .countries
        .iter()
        .map(|c| c.id.as_str())
        .chain([INTL])
        .collect();

    // Nodes: each on its own, then duplicates.
    let mut kept: Vec<(Origin, Node)> = Vec::with_capacity(nodes.len());
    let mut by_id: HashMap<String, Origin> = HashMap::new();
    for (origin, node) in nodes {
        let file = file_name(origin);
        let at = format!("$.nodes[{}]", origin.index);
        let mut p = |place: String, msg: String| problems.push(Problem::new(&file, place, msg));
        let mut drawable = true;
        if !is_id(&node.id) {
            p(
                format!("{at}.id"),
                format!(
                    "\"{}\" is not a valid id: use lowercase letters, digits and -",
                    node.id
                ),
            );
            drawable = false;
        }
        if !countries.contains(node.country.as_str()) {
            p(
                format!("{at}.country"),
                format!(
                    "unknown country \"{}\": add it to the manifest's countries",
                    node.country
                ),
            );
            drawable = false;
        }
        if !text(&node.name, &format!("{at}.name"), &mut p) {
            drawable = false;
        }
        if let Some(short) = &node.short {
            text(short, &format!("{at}.short"), &mut p);
        }
        if let Some(summary) = &node.summary {
            text(summary, &format!("{at}.summary"), &mut p);
        }
        if let Some(until) = node.until {
            if until.start() < node.since.start() {
                p(
                    format!("{at}.until"),
                    format!("until {until} is before since {}", node.since),
                );
            }
        }
        if let Some(url) = &node.website {
            if !is_web_url(url) {
                p(
                    format!("{at}.website"),
                    format!("\"{}\" is not an http(s) URL", clip(url)),
                );
            }
        }
        sources(&node.sources, &at, &mut p);
        if !drawable {
            continue;
        }
        if let Some(first) = by_id.get(&node.id) {
            p(
                format!("{at}.id"),
                format!(
                    "duplicate id \"{}\": already used at {}: $.nodes[{}]",
                    node.id,
                    file_name(*first),
                    first.index
                ),
            );
            continue;
        }
        by_id.insert(node.id.clone(), origin);
        kept.push((origin, node));
    }

    for (origin, node) in &kept {
        if let Some(succ) = &node.successor {
            let at = format!("$.nodes[{}].successor", origin.index);
            if succ == &node.id {
                problems.push(Problem::new(
                    file_name(*origin),
                    at,
                    "a node cannot succeed itself",
                ));
            } else if !by_id.contains_key(succ) {
                problems.push(Problem::new(
                    file_name(*origin),
                    at,
                    format!("successor \"{succ}\" is not a node of the dataset"),
                ));
            }
        }
    }

    // Edges: endpoints, dates, sources.
    let mut kept_edges: Vec<(Origin, Edge)> = Vec::with_capacity(edges.len());
    for (origin, edge) in edges {
        let file = file_name(origin);
        let at = format!("$.edges[{}]", origin.index);
        let mut p = |place: String, msg: String| problems.push(Problem::new(&file, place, msg));
        let mut drawable = true;
        for (end, id) in [("source", &edge.source), ("target", &edge.target)] {
            if !by_id.contains_key(id) {
                p(
                    format!("{at}.{end}"),
                    format!("edge {end} \"{}\" is not a node of the dataset", clip(id)),
                );
                drawable = false;
            }
        }
        if edge.source == edge.target {
            p(
                at.clone(),
                format!("\"{}\" {} itself", edge.source, edge.kind.label()),
            );
            drawable = false;
        }
        if let (Some(since), Some(until)) = (edge.since, edge.until) {
            if until.start() < since.start() {
                p(
                    format!("{at}.until"),
                    format!("until {until} is before since {since}"),
                );
            }
        }
        if let Some(note) = &edge.note {
            text(note, &format!("{at}.note"), &mut p);
        }
        sources(&edge.sources, &at, &mut p);
        if drawable {
            kept_edges.push((origin, edge));
        }
    }

    // part_of must form a hierarchy: a loop has no top and no depth.
    let number: HashMap<&str, usize> = kept
        .iter()
        .enumerate()
        .map(|(i, (_, n))| (n.id.as_str(), i))
        .collect();
    let part_of = |e: &Edge| {
        (e.kind == EdgeKind::PartOf).then(|| (number[e.source.as_str()], number[e.target.as_str()]))
    };
    let hierarchy: DiGraphMap<usize, ()> =
        kept_edges.iter().filter_map(|(_, e)| part_of(e)).collect();
    let mut in_cycle: HashSet<(usize, usize)> = HashSet::new();
    for scc in tarjan_scc(&hierarchy) {
        let members: HashSet<usize> = scc.iter().copied().collect();
        for (s, t, _) in hierarchy.all_edges() {
            if scc.len() > 1 && members.contains(&s) && members.contains(&t) {
                in_cycle.insert((s, t));
            }
        }
    }
    let mut cycle_problems = Vec::new();
    kept_edges.retain(|(origin, e)| match part_of(e) {
        Some(key) if in_cycle.contains(&key) => {
            cycle_problems.push(Problem::new(
                file_name(*origin),
                format!("$.edges[{}]", origin.index),
                format!(
                    "part_of cycle: \"{}\" part_of \"{}\" leads back to itself",
                    e.source, e.target
                ),
            ));
            false
        }
        _ => true,
    });
    drop(number);
    problems.extend(cycle_problems);

    if kept.is_empty() {
        problems.push(Problem::new(
            manifest
                .files
                .first()
                .cloned()
                .unwrap_or_else(|| "manifest.json".into()),
            "$.nodes",
            "the dataset has no nodes to show",
        ));
    }

    Dataset {
        manifest,
        nodes: kept.into_iter().map(|(_, n)| n).collect(),
        edges: kept_edges.into_iter().map(|(_, e)| e).collect(),
        flows: Vec::new(),
    }
}

/// Checks the flows against the validated dataset and keeps the ones that can be shown: a flow
/// is dropped when it has no usable id, an unknown country, no title or no step, or when a step
/// names a body that is not in the dataset or did not exist on the flow's date, or a basis that
/// is not a law or strategy in force then. Text and source problems are reported and the flow
/// kept, as for nodes.
pub fn flows(d: &Dataset, flows: Vec<(Origin, Flow)>, problems: &mut Vec<Problem>) -> Vec<Flow> {
    let file_name = |o: Origin| d.manifest.files.get(o.file).cloned().unwrap_or_default();
    let countries: HashSet<&str> = d
        .manifest
        .countries
        .iter()
        .map(|c| c.id.as_str())
        .chain([INTL])
        .collect();
    let nodes: HashMap<&str, &Node> = d.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut by_id: HashMap<String, Origin> = HashMap::new();
    let mut kept = Vec::with_capacity(flows.len());
    for (origin, flow) in flows {
        let file = file_name(origin);
        let at = format!("$.flows[{}]", origin.index);
        let mut p = |place: String, msg: String| problems.push(Problem::new(&file, place, msg));
        let mut showable = true;
        if !is_id(&flow.id) {
            p(
                format!("{at}.id"),
                format!(
                    "\"{}\" is not a valid id: use lowercase letters, digits and -",
                    clip(&flow.id)
                ),
            );
            showable = false;
        }
        if !countries.contains(flow.country.as_str()) {
            p(
                format!("{at}.country"),
                format!(
                    "unknown country \"{}\": use a country of the manifest, or intl for a flow \
                     between countries",
                    clip(&flow.country)
                ),
            );
            showable = false;
        }
        showable &= text(&flow.title, &format!("{at}.title"), &mut p);
        text(&flow.summary, &format!("{at}.summary"), &mut p);
        if flow.steps.is_empty() {
            p(
                format!("{at}.steps"),
                "a flow needs at least one step".into(),
            );
            showable = false;
        }
        let date = flow.date;
        // A body the step names: in the dataset, and there on the flow's date.
        let body = |place: String, id: &str, p: &mut dyn FnMut(String, String)| -> bool {
            match nodes.get(id) {
                None => {
                    p(
                        place,
                        format!("body \"{}\" is not a node of the dataset", clip(id)),
                    );
                    false
                }
                Some(n) if !n.exists_at(date) => {
                    p(place, format!("body \"{id}\" {}", not_there(n, date)));
                    false
                }
                Some(_) => true,
            }
        };
        for (s, step) in flow.steps.iter().enumerate() {
            let at = format!("{at}.steps[{s}]");
            showable &= body(format!("{at}.from"), &step.from, &mut p);
            if let Some(to) = &step.to {
                showable &= body(format!("{at}.to"), to, &mut p);
            }
            showable &= text(&step.action, &format!("{at}.action"), &mut p);
            for (b, id) in step.basis.iter().enumerate() {
                let place = format!("{at}.basis[{b}]");
                match nodes.get(id.as_str()) {
                    None => {
                        p(
                            place,
                            format!("basis \"{}\" is not a node of the dataset", clip(id)),
                        );
                        showable = false;
                    }
                    Some(n) if !matches!(n.kind, NodeKind::Law | NodeKind::Strategy) => {
                        p(
                            place,
                            format!(
                                "basis \"{id}\" is of kind {}, not a law or strategy",
                                n.kind.as_str()
                            ),
                        );
                        showable = false;
                    }
                    Some(n) if !n.exists_at(date) => {
                        p(place, format!("basis \"{id}\" {}", not_there(n, date)));
                        showable = false;
                    }
                    Some(_) => {}
                }
            }
            if let Some(within) = &step.within {
                text(within, &format!("{at}.within"), &mut p);
            }
            if let Some(note) = &step.note {
                text(note, &format!("{at}.note"), &mut p);
            }
            sources(&step.sources, &at, &mut p);
        }
        sources(&flow.sources, &at, &mut p);
        if !showable {
            continue;
        }
        if let Some(first) = by_id.get(&flow.id) {
            p(
                format!("{at}.id"),
                format!(
                    "duplicate flow id \"{}\": already used at {}: $.flows[{}]",
                    flow.id,
                    file_name(*first),
                    first.index
                ),
            );
            continue;
        }
        by_id.insert(flow.id.clone(), origin);
        kept.push(flow);
    }
    kept
}

/// Why a node does not count on `date`: "did not exist on 2026-01-01 (since 2025-07-01)".
fn not_there(n: &Node, date: PartialDate) -> String {
    match n.until {
        Some(until) => format!(
            "did not exist on the flow's date {date} (since {}, until {until})",
            n.since
        ),
        None => format!(
            "did not exist on the flow's date {date} (since {})",
            n.since
        ),
    }
}

/// Checks a bilingual text; returns false when the English is missing.
fn text(t: &Text, at: &str, p: &mut impl FnMut(String, String)) -> bool {
    let mut ok = true;
    if t.en.trim().is_empty() {
        p(
            format!("{at}.en"),
            "empty name: the English text must not be empty".into(),
        );
        ok = false;
    }
    if let Some(ja) = &t.ja {
        if ja.trim().is_empty() {
            p(
                format!("{at}.ja"),
                "empty Japanese text: leave `ja` out instead".into(),
            );
        }
    }
    ok
}

fn sources(list: &[Source], at: &str, p: &mut impl FnMut(String, String)) {
    if list.is_empty() {
        p(
            format!("{at}.sources"),
            "at least one source is required".into(),
        );
    }
    for (i, s) in list.iter().enumerate() {
        if !is_web_url(&s.url) {
            p(
                format!("{at}.sources[{i}].url"),
                format!("\"{}\" is not an http(s) URL", clip(&s.url)),
            );
        }
        if s.title.trim().is_empty() {
            p(
                format!("{at}.sources[{i}].title"),
                "a source needs a title".into(),
            );
        }
        if !s.accessed.is_full() {
            p(
                format!("{at}.sources[{i}].accessed"),
                "write the full day the source was checked: YYYY-MM-DD".into(),
            );
        }
    }
}

/// `a-z`, `0-9` and single `-` between them.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Only http and https links are ever made clickable.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Keeps messages readable when a hostile file holds a megabyte-long value.
fn clip(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}
