//! The change list: every entry that differs from the files as opened — added, changed (field
//! by field, before and after) or removed — and undoing any one of them.
//!
//! It is computed from the originals and the entries now, not kept as a log, so it can never
//! disagree with what would be saved, and undoing one change leaves the others as they are.
//! A body removed or added takes along the relations that name it and went or came with it:
//! they are listed under the body and undone with it.

use serde::Serialize;
use serde_json::Value;

use super::doc::List;
use super::{Ref, Section, Slot, Workspace};
use crate::model::{Edge, Node};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

/// A body (its id) or a relation (source, kind, target).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    Body(String),
    Relation {
        source: String,
        kind: String,
        target: String,
    },
}

/// One field that differs: its JSON key within the entry and its value before and after, as
/// JSON text (`None`: the field is not there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub at: Ref,
    pub kind: ChangeKind,
    pub what: What,
    /// The file's name.
    pub file: String,
    /// For a changed entry, the fields that differ.
    pub fields: Vec<FieldChange>,
    /// Relations that went (or came) with a removed (or added) body.
    pub with: Vec<Change>,
}

impl Workspace {
    /// Every change since the files were opened, file by file: bodies, then relations, in the
    /// order of the file.
    pub fn changes(&self) -> Vec<Change> {
        let mut bodies = Vec::new();
        let mut relations = Vec::new();
        for (file, f) in self.files.iter().enumerate() {
            section(&f.nodes, file, List::Nodes, &f.name, body, &mut bodies);
            section(
                &f.edges,
                file,
                List::Edges,
                &f.name,
                relation,
                &mut relations,
            );
        }
        // Relations that came or went with a body are listed under it.
        for b in bodies.iter_mut() {
            let What::Body(id) = &b.what else { continue };
            if b.kind == ChangeKind::Changed {
                continue;
            }
            let (along, rest): (Vec<Change>, Vec<Change>) =
                relations.drain(..).partition(|r| {
                    r.kind == b.kind
                        && matches!(&r.what, What::Relation { source, target, .. } if source == id || target == id)
                });
            b.with = along;
            relations = rest;
        }
        bodies.extend(relations);
        bodies
    }

    /// Undoes one change (and the relations listed with it): an added entry goes, a changed
    /// or removed one is put back as it was opened.
    pub fn undo(&mut self, change: &Change) {
        for c in std::iter::once(change).chain(&change.with) {
            let Some(f) = self.files.get_mut(c.at.file) else {
                continue;
            };
            match (c.at.slot, c.at.list) {
                (Slot::Added(_), List::Nodes) => f.nodes.remove(c.at.slot),
                (Slot::Added(_), List::Edges) => f.edges.remove(c.at.slot),
                (Slot::Original(i), List::Nodes) => f.nodes.restore(i),
                (Slot::Original(i), List::Edges) => f.edges.restore(i),
            }
        }
    }
}

fn body(n: &Node) -> What {
    What::Body(n.id.clone())
}

fn relation(e: &Edge) -> What {
    What::Relation {
        source: e.source.clone(),
        kind: e.kind.as_str().to_string(),
        target: e.target.clone(),
    }
}

fn section<T: Clone + PartialEq + Serialize>(
    s: &Section<T>,
    file: usize,
    list: List,
    name: &str,
    what: fn(&T) -> What,
    out: &mut Vec<Change>,
) {
    let change = |slot, kind, what, fields| Change {
        at: Ref { file, list, slot },
        kind,
        what,
        file: name.to_string(),
        fields,
        with: Vec::new(),
    };
    for (i, (o, c)) in s.original.iter().zip(&s.current).enumerate() {
        match (o, c) {
            (Some(o), Some(c)) if o != c => out.push(change(
                Slot::Original(i),
                ChangeKind::Changed,
                what(o),
                fields(o, c),
            )),
            (Some(o), None) => out.push(change(
                Slot::Original(i),
                ChangeKind::Removed,
                what(o),
                Vec::new(),
            )),
            _ => {}
        }
    }
    for (k, v) in &s.added {
        out.push(change(
            Slot::Added(*k),
            ChangeKind::Added,
            what(v),
            Vec::new(),
        ));
    }
}

/// The fields that differ between two entries; objects (names, summaries) field by field.
pub fn fields<T: Serialize>(before: &T, after: &T) -> Vec<FieldChange> {
    let (Ok(b), Ok(a)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    diff("", Some(&b), Some(&a), &mut out);
    out
}

fn diff(at: &str, b: Option<&Value>, a: Option<&Value>, out: &mut Vec<FieldChange>) {
    if b == a {
        return;
    }
    match (b, a) {
        (Some(Value::Object(bo)), Some(Value::Object(ao))) => {
            // Keys in the order the entry is written, then any the other side has.
            let mut keys: Vec<&String> = bo.keys().collect();
            keys.extend(ao.keys().filter(|k| !bo.contains_key(*k)));
            keys.sort_by_key(|k| key_order(k));
            for k in keys {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                diff(&path, bo.get(k), ao.get(k), out);
            }
        }
        (Some(Value::Object(_)), None) | (None, Some(Value::Object(_))) if !at.contains('.') => {
            // A whole name or summary added or removed: list its languages.
            let empty = serde_json::Map::new();
            let (bo, ao) = (
                b.and_then(Value::as_object).unwrap_or(&empty),
                a.and_then(Value::as_object).unwrap_or(&empty),
            );
            let mut keys: Vec<&String> = bo.keys().chain(ao.keys()).collect();
            keys.dedup();
            for k in keys {
                diff(&format!("{at}.{k}"), bo.get(k), ao.get(k), out);
            }
        }
        _ => out.push(FieldChange {
            field: at.to_string(),
            before: b.map(show),
            after: a.map(show),
        }),
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// serde_json's map is sorted by key; list the fields in the order the types declare them.
fn key_order(k: &str) -> usize {
    const ORDER: [&str; 19] = [
        "id",
        "source",
        "target",
        "country",
        "kind",
        "name",
        "short",
        "roles",
        "since",
        "until",
        "successor",
        "website",
        "summary",
        "note",
        "sources",
        "en",
        "ja",
        "url",
        "title",
    ];
    ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len())
}
