//! What the reader takes away: the bodies and relations of the current view as CSV and JSON,
//! and the file names the downloads get. Pure, so the content of every export is tested
//! natively; the browser side (SVG, PNG, the download itself) is in `ui/export.rs`.
//!
//! Only what the view shows is exported, with its sources: a table that has lost its sources
//! cannot be cited.

use serde::Serialize;

use crate::graph::view::Visible;
use crate::model::{Dataset, Edge, Node, PartialDate, Source};
use crate::story::diff::{diff_view, Change, Changes};
use crate::view::ViewState;

/// The date the export describes: the view's date, else the day the data was last checked.
pub fn as_of(d: &Dataset, v: &ViewState) -> PartialDate {
    v.date.unwrap_or(d.manifest.as_of)
}

/// `alliance-map-2025-07-01.csv`: sortable, and says which state of the alliance it shows.
/// `what` distinguishes several exports of one kind (`bodies`, `relations`).
pub fn file_name(as_of: PartialDate, what: Option<&str>, extension: &str) -> String {
    match what {
        Some(w) => format!("alliance-map-{as_of}-{w}.{extension}"),
        None => format!("alliance-map-{as_of}.{extension}"),
    }
}

/// One row per visible body: identity, names in both languages, kind, roles, dates and the
/// sources' addresses.
pub fn bodies_csv(d: &Dataset, vis: &Visible) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "id",
            "name_en",
            "name_ja",
            "short_en",
            "short_ja",
            "country",
            "kind",
            "roles",
            "since",
            "until",
            "successor",
            "website",
            "sources",
        ],
    );
    for n in shown_nodes(d, vis) {
        let roles: Vec<&str> = n.roles.iter().map(|r| r.as_str()).collect();
        csv_row(
            &mut out,
            &[
                &n.id,
                &n.name.en,
                n.name.ja.as_deref().unwrap_or(""),
                n.short.as_ref().map(|s| s.en.as_str()).unwrap_or(""),
                n.short.as_ref().and_then(|s| s.ja.as_deref()).unwrap_or(""),
                &n.country,
                n.kind.as_str(),
                &roles.join("; "),
                &n.since.to_string(),
                &n.until.map(|u| u.to_string()).unwrap_or_default(),
                n.successor.as_deref().unwrap_or(""),
                n.website.as_deref().unwrap_or(""),
                &urls(&n.sources),
            ],
        );
    }
    out
}

/// One row per visible relation, with its sources.
pub fn relations_csv(d: &Dataset, vis: &Visible) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "source", "target", "relation", "since", "until", "note_en", "sources",
        ],
    );
    for e in shown_edges(d, vis) {
        csv_row(
            &mut out,
            &[
                &e.source,
                &e.target,
                e.kind.as_str(),
                &e.since.map(|s| s.to_string()).unwrap_or_default(),
                &e.until.map(|u| u.to_string()).unwrap_or_default(),
                e.note.as_ref().map(|n| n.en.as_str()).unwrap_or(""),
                &urls(&e.sources),
            ],
        );
    }
    out
}

#[derive(Serialize)]
struct JsonExport<'a> {
    title: &'a str,
    as_of: String,
    /// The view's URL parameters, so the export can be traced back to the map.
    view: String,
    nodes: Vec<&'a Node>,
    edges: Vec<&'a Edge>,
    /// With `from=`: what changed since then, as the change list shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<JsonChanges<'a>>,
}

#[derive(Serialize)]
struct JsonChanges<'a> {
    from: String,
    to: String,
    list: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    date: String,
    country: String,
    change: &'static str,
    subject: &'static str,
    happened: &'static str,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    others: Vec<String>,
    sources: &'a [Source],
}

/// The visible bodies and relations in the dataset's own format (sources included), with the
/// title, the date and the view they come from.
pub fn json(d: &Dataset, vis: &Visible, v: &ViewState) -> String {
    let export = JsonExport {
        title: &d.manifest.title.en,
        as_of: as_of(d, v).to_string(),
        view: v.to_query(),
        nodes: shown_nodes(d, vis).collect(),
        edges: shown_edges(d, vis).collect(),
        changes: diff_view(d, v).map(|c| JsonChanges {
            from: c.from.to_string(),
            to: c.to.to_string(),
            list: c.list.iter().map(|ch| json_change(d, ch)).collect(),
        }),
    };
    serde_json::to_string_pretty(&export).unwrap_or_default()
}

fn json_change<'a>(d: &'a Dataset, c: &Change) -> JsonChange<'a> {
    let (id, target) = c.ids(d);
    JsonChange {
        date: c.date.to_string(),
        country: c.country.clone(),
        change: c.kind.as_str(),
        subject: c.subject_str(),
        happened: c.happened.key(),
        id,
        target,
        relation: c.edge().map(|k| d.edges[k].kind.as_str()),
        others: c.happened.others().into_iter().map(String::from).collect(),
        sources: c.sources(d),
    }
}

/// The change list between two dates, one row per change in the list's order (by country, then
/// date): the date, country, `added` / `ended` / `succeeded`, `body` or `relation`, what
/// happened (a key: `established`, `replaces`, `ended`, `replaced_by`, `joined`, `left`,
/// `linked`, `unlinked`) and the other ids it names, the ids (a relation's source and target,
/// and its kind), the names in English and Japanese, and the sources' addresses.
pub fn changes_csv(d: &Dataset, c: &Changes) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "date", "country", "change", "subject", "happened", "others", "id", "target",
            "relation", "name_en", "name_ja", "sources",
        ],
    );
    let name = |id: &str, ja: bool| {
        d.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| match ja {
                false => n.name.en.clone(),
                true => n.name.ja.clone().unwrap_or_else(|| n.name.en.clone()),
            })
            .unwrap_or_default()
    };
    for ch in &c.list {
        let (id, target) = ch.ids(d);
        let relation = ch.edge().map(|k| d.edges[k].kind);
        let (name_en, name_ja) = match (target, relation) {
            (Some(t), Some(k)) => (
                format!("{} {} {}", name(id, false), k.label(), name(t, false)),
                format!("{} → {}", name(id, true), name(t, true)),
            ),
            _ => (name(id, false), name(id, true)),
        };
        csv_row(
            &mut out,
            &[
                &ch.date.to_string(),
                &ch.country,
                ch.kind.as_str(),
                ch.subject_str(),
                ch.happened.key(),
                &ch.happened.others().join("; "),
                id,
                target.unwrap_or(""),
                relation.map(|k| k.as_str()).unwrap_or(""),
                &name_en,
                &name_ja,
                &urls(ch.sources(d)),
            ],
        );
    }
    out
}

/// `alliance-map-2022-12-16-to-2026-11-22-changes.csv`: both dates, the earlier first.
pub fn changes_file_name(c: &Changes, extension: &str) -> String {
    format!("alliance-map-{}-to-{}-changes.{extension}", c.from, c.to)
}

/// The HTML an editor pastes into an article: the framed map of `page_url` (the full address,
/// `embed=1` already in it), a title for screen readers, a link for readers whose page strips
/// frames, and the few lines that let the frame take the height the map asks for.
/// Everything from the dataset is escaped: the snippet lands in someone else's page.
pub fn embed_snippet(page_url: &str, full_map_url: &str, title: &str) -> String {
    let (src, link, title) = (
        escape_html(page_url),
        escape_html(full_map_url),
        escape_html(title),
    );
    format!(
        "<iframe id=\"alliance-map\" src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"640\" \
         style=\"border:0\" loading=\"lazy\"></iframe>\n\
         <p><a href=\"{link}\">{title}</a></p>\n\
         <script>\n\
         addEventListener(\"message\", (e) => {{\n\
         \x20 if (e.data && e.data.type === \"alliance-map:height\") {{\n\
         \x20   document.getElementById(\"alliance-map\").style.height = e.data.height + \"px\";\n\
         \x20 }}\n\
         }});\n\
         </script>\n"
    )
}

/// Text made safe for HTML content and quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn shown_nodes<'a>(d: &'a Dataset, vis: &'a Visible) -> impl Iterator<Item = &'a Node> {
    d.nodes
        .iter()
        .zip(&vis.nodes)
        .filter_map(|(n, &shown)| shown.then_some(n))
}

fn shown_edges<'a>(d: &'a Dataset, vis: &'a Visible) -> impl Iterator<Item = &'a Edge> {
    d.edges
        .iter()
        .zip(&vis.edges)
        .filter_map(|(e, &shown)| shown.then_some(e))
}

fn urls(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| s.url.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends one CSV record (RFC 4180: every field quoted, quotes doubled, CRLF). Every CSV the
/// map exports is written by it, the flows' (`story::flow::csv`) too, so all are formula-safe
/// by the same rule.
pub(crate) fn csv_row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        // A spreadsheet runs a cell that starts with = + - @ as a formula; data from a
        // published dataset must not be able to do that, so such a cell starts with '.
        if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        csv_row(
            &mut out,
            &["a \"b\"", "=HYPERLINK(\"x\")", "line\nbreak", "-1"],
        );
        assert_eq!(
            out,
            "\"a \"\"b\"\"\",\"'=HYPERLINK(\"\"x\"\")\",\"line\nbreak\",\"'-1\"\r\n"
        );
    }

    #[test]
    fn the_embed_snippet_escapes_what_it_quotes() {
        let s = embed_snippet(
            "https://example.org/map/?embed=1&country=jp",
            "https://example.org/map/?country=jp",
            "A \"map\" <script>alert(1)</script>",
        );
        assert!(s.contains("src=\"https://example.org/map/?embed=1&amp;country=jp\""));
        assert!(s.contains("title=\"A &quot;map&quot; &lt;script&gt;alert(1)&lt;/script&gt;\""));
        assert!(s.contains("<a href=\"https://example.org/map/?country=jp\">"));
        assert_eq!(s.matches("<script>").count(), 1, "only the resize lines");
        assert!(s.contains("alliance-map:height"));
    }

    #[test]
    fn file_names_carry_the_date() {
        let d = PartialDate::parse("2025-07-01").unwrap();
        assert_eq!(file_name(d, None, "svg"), "alliance-map-2025-07-01.svg");
        assert_eq!(
            file_name(d, Some("bodies"), "csv"),
            "alliance-map-2025-07-01-bodies.csv"
        );
    }
}
