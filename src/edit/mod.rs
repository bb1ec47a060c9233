//! Editing a dataset: the logic of the browser's editor (`?edit=1`), with no web dependency so
//! that it is tested natively.
//!
//! A [`Workspace`] holds the files a maintainer opened — the manifest and the data files it
//! lists — and every entry of their `nodes` and `edges` as the original and as it is now. An
//! edit goes through the same [`DatasetBuilder`](crate::model::DatasetBuilder) as `cargo xtask
//! validate`: it is applied to a copy, the copy's files are written out and checked, and the
//! edit is refused, with the fields named, if the entry it touches has a problem. The change
//! list ([`Workspace::changes`]) is the difference between the originals and now, so each
//! change can be undone on its own. Saving writes only the files that changed, keeping the text
//! of every entry that did not ([`doc`]).

pub mod archive;
mod changes;
pub mod doc;
pub mod ids;

use std::collections::HashSet;

use crate::model::{DatasetBuilder, Edge, Loaded, Manifest, Node, Problem};
use doc::{Doc, List, Piece};

pub use changes::{Change, ChangeKind, FieldChange, What};

/// Which entry: the file (its number in the manifest's `files`), the list, and the slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ref {
    pub file: usize,
    pub list: List,
    pub slot: Slot,
}

/// An entry of the original file (its number in the list), or one added here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    Original(usize),
    Added(u64),
}

/// Why an edit was refused: the field (its JSON key within the entry, e.g. `until`,
/// `name.ja`, `sources`, `sources[0].url`) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub field: String,
    pub message: String,
}

impl Refusal {
    fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// One list of one file: the entries as opened and as they are now.
#[derive(Clone, Debug)]
struct Section<T> {
    /// As opened. `None`: an entry the validator could not read; it is kept as written.
    original: Vec<Option<T>>,
    /// Now, for each original entry. `None` for a readable entry: removed.
    current: Vec<Option<T>>,
    added: Vec<(u64, T)>,
}

impl<T: Clone + PartialEq + serde::Serialize> Section<T> {
    fn new(original: Vec<Option<T>>) -> Self {
        Self {
            current: original.clone(),
            original,
            added: Vec::new(),
        }
    }

    fn get(&self, slot: Slot) -> Option<&T> {
        match slot {
            Slot::Original(i) => self.current.get(i)?.as_ref(),
            Slot::Added(k) => self.added.iter().find(|(a, _)| *a == k).map(|(_, v)| v),
        }
    }

    /// The entries there now, in the order they are written.
    fn live(&self) -> impl Iterator<Item = (Slot, &T)> {
        self.current
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().map(|v| (Slot::Original(i), v)))
            .chain(self.added.iter().map(|(k, v)| (Slot::Added(*k), v)))
    }

    /// Where the slot's entry is in the written list (unreadable entries count: they stay).
    fn position(&self, slot: Slot) -> Option<usize> {
        let kept = |i: usize| self.original[i].is_none() || self.current[i].is_some();
        match slot {
            Slot::Original(i) => (i < self.current.len() && self.current[i].is_some())
                .then(|| (0..i).filter(|&j| kept(j)).count()),
            Slot::Added(k) => {
                let before = (0..self.current.len()).filter(|&j| kept(j)).count();
                let at = self.added.iter().position(|(a, _)| *a == k)?;
                Some(before + at)
            }
        }
    }

    fn pieces(&self) -> Vec<Piece<'_, T>> {
        let mut out = Vec::new();
        for (i, (o, c)) in self.original.iter().zip(&self.current).enumerate() {
            match (o, c) {
                (None, _) => out.push(Piece::Original(i)),
                (Some(o), Some(c)) if o == c => out.push(Piece::Original(i)),
                (Some(_), Some(c)) => out.push(Piece::New(c)),
                (Some(_), None) => {}
            }
        }
        out.extend(self.added.iter().map(|(_, v)| Piece::New(v)));
        out
    }

    fn set(&mut self, slot: Slot, value: T) -> bool {
        match slot {
            Slot::Original(i) => match self.current.get_mut(i) {
                Some(c @ Some(_)) => {
                    *c = Some(value);
                    true
                }
                _ => false,
            },
            Slot::Added(k) => match self.added.iter_mut().find(|(a, _)| *a == k) {
                Some((_, v)) => {
                    *v = value;
                    true
                }
                None => false,
            },
        }
    }

    fn remove(&mut self, slot: Slot) {
        match slot {
            Slot::Original(i) => {
                if let Some(c) = self.current.get_mut(i) {
                    *c = None;
                }
            }
            Slot::Added(k) => self.added.retain(|(a, _)| *a != k),
        }
    }

    /// Puts an original entry back as it was opened.
    fn restore(&mut self, i: usize) {
        if let (Some(c), Some(o)) = (self.current.get_mut(i), self.original.get(i)) {
            *c = o.clone();
        }
    }
}

/// One file of the manifest, as opened.
#[derive(Clone, Debug)]
pub struct FileState {
    pub name: String,
    /// The text as opened; `None` when the file was not among those opened.
    original: Option<String>,
    /// `None` when the file could not be read as a data file: it cannot be edited.
    doc: Option<Doc>,
    nodes: Section<Node>,
    edges: Section<Edge>,
}

impl FileState {
    fn open(name: &str, text: Option<String>) -> FileState {
        let doc = text.as_deref().and_then(|t| Doc::parse(t).ok());
        let nodes = read(doc.as_ref(), List::Nodes);
        let edges = read(doc.as_ref(), List::Edges);
        FileState {
            name: name.to_string(),
            original: text,
            doc,
            nodes: Section::new(nodes),
            edges: Section::new(edges),
        }
    }

    /// True when the file's entries can be edited.
    pub fn editable(&self) -> bool {
        self.doc.is_some()
    }

    /// The file's text now (its original when nothing in it changed).
    pub fn text(&self) -> Option<String> {
        let doc = self.doc.as_ref()?;
        Some(doc.render(&self.nodes.pieces(), &self.edges.pieces()))
    }

    /// The text as opened.
    pub fn original(&self) -> Option<&str> {
        self.original.as_deref()
    }
}

/// Each entry of a list, typed; `None` for one the validator will not read either.
fn read<T: serde::de::DeserializeOwned>(doc: Option<&Doc>, list: List) -> Vec<Option<T>> {
    let Some(d) = doc else {
        return Vec::new();
    };
    (0..d.len(list))
        .map(|i| d.item(list, i).and_then(|t| serde_json::from_str(t).ok()))
        .collect()
}

/// The files a maintainer opened and what was done to them since.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub manifest_name: String,
    pub manifest: Manifest,
    pub files: Vec<FileState>,
    next: u64,
}

impl Workspace {
    /// Opens a dataset from its manifest's text and a way to read the files it lists (`None`:
    /// the file was not given). A manifest that cannot be read is the only thing that stops it.
    pub fn open(
        manifest_name: &str,
        manifest_text: &str,
        mut read: impl FnMut(&str) -> Option<String>,
    ) -> Result<Workspace, Vec<Problem>> {
        let manifest = crate::model::parse_manifest(manifest_name, manifest_text)?;
        let files = manifest
            .files
            .iter()
            .map(|name| FileState::open(name, read(name)))
            .collect();
        Ok(Workspace {
            manifest_name: manifest_name.to_string(),
            manifest,
            files,
            next: 0,
        })
    }

    /// Checks the files as they are now, with the validator of `cargo xtask validate`.
    pub fn check(&self) -> Loaded {
        let mut builder = DatasetBuilder::new(self.manifest.clone());
        for (i, f) in self.files.iter().enumerate() {
            match (&f.original, f.text()) {
                (None, _) => builder.file_failed(i, "not among the files opened"),
                (Some(original), None) => builder.add_file(i, original),
                (Some(_), Some(text)) => builder.add_file(i, &text),
            }
        }
        builder.finish()
    }

    /// The files that differ from what was opened, with their new text, in manifest order.
    pub fn changed_files(&self) -> Vec<(String, String)> {
        self.files
            .iter()
            .filter_map(|f| {
                let text = f.text()?;
                (Some(text.as_str()) != f.original()).then(|| (f.name.clone(), text))
            })
            .collect()
    }

    pub fn node(&self, r: Ref) -> Option<&Node> {
        (r.list == List::Nodes)
            .then(|| self.files.get(r.file)?.nodes.get(r.slot))
            .flatten()
    }

    pub fn edge(&self, r: Ref) -> Option<&Edge> {
        (r.list == List::Edges)
            .then(|| self.files.get(r.file)?.edges.get(r.slot))
            .flatten()
    }

    /// Every body there now, file by file.
    pub fn nodes(&self) -> impl Iterator<Item = (Ref, &Node)> {
        self.files.iter().enumerate().flat_map(|(file, f)| {
            f.nodes.live().map(move |(slot, n)| {
                let r = Ref {
                    file,
                    list: List::Nodes,
                    slot,
                };
                (r, n)
            })
        })
    }

    /// Every relation there now, file by file.
    pub fn edges(&self) -> impl Iterator<Item = (Ref, &Edge)> {
        self.files.iter().enumerate().flat_map(|(file, f)| {
            f.edges.live().map(move |(slot, e)| {
                let r = Ref {
                    file,
                    list: List::Edges,
                    slot,
                };
                (r, e)
            })
        })
    }

    /// The body with this id (the first, should there be two).
    pub fn find_node(&self, id: &str) -> Option<Ref> {
        self.nodes().find(|(_, n)| n.id == id).map(|(r, _)| r)
    }

    /// The relations that name the body `id`, at either end.
    pub fn relations_of(&self, id: &str) -> Vec<Ref> {
        self.edges()
            .filter(|(_, e)| e.source == id || e.target == id)
            .map(|(r, _)| r)
            .collect()
    }

    /// The JSON path of an entry in the file as it would be written now: `$.nodes[12]`.
    pub fn path(&self, r: Ref) -> Option<String> {
        let f = self.files.get(r.file)?;
        let at = match r.list {
            List::Nodes => f.nodes.position(r.slot)?,
            List::Edges => f.edges.position(r.slot)?,
        };
        Some(format!("$.{}[{at}]", r.list.key()))
    }

    /// Ids in use, for proposing a new one.
    pub fn ids(&self) -> HashSet<&str> {
        self.nodes().map(|(_, n)| n.id.as_str()).collect()
    }

    /// The data file a new body of `country` and `kind` most likely belongs to: the file that
    /// already holds most bodies of that kind of that country, else of that country.
    pub fn file_for(&self, country: &str, kind: crate::model::NodeKind) -> usize {
        let count = |f: &FileState, same_kind: bool| {
            f.nodes
                .live()
                .filter(|(_, n)| n.country == country && (!same_kind || n.kind == kind))
                .count()
        };
        let best = |same_kind: bool| {
            self.files
                .iter()
                .enumerate()
                .filter(|(_, f)| f.editable())
                .map(|(i, f)| (count(f, same_kind), i))
                .filter(|(n, _)| *n > 0)
                .max_by_key(|(n, i)| (*n, std::cmp::Reverse(*i)))
                .map(|(_, i)| i)
        };
        best(true)
            .or_else(|| best(false))
            .or_else(|| self.files.iter().position(FileState::editable))
            .unwrap_or(0)
    }

    /// Adds a body to `file`. Refused when its id is taken or it breaks a rule.
    pub fn add_node(&mut self, file: usize, node: Node) -> Result<Ref, Vec<Refusal>> {
        if self.ids().contains(node.id.as_str()) {
            return Err(vec![Refusal::new(
                "id",
                format!("the id \"{}\" is already used by another body", node.id),
            )]);
        }
        self.checked(|w| {
            let k = w.key();
            let f = w.editable_file(file)?;
            f.nodes.added.push((k, node));
            Ok(Ref {
                file,
                list: List::Nodes,
                slot: Slot::Added(k),
            })
        })
    }

    /// Replaces a body. Its id stays: links to the map use it.
    pub fn update_node(&mut self, r: Ref, node: Node) -> Result<Ref, Vec<Refusal>> {
        let Some(old) = self.node(r) else {
            return Err(vec![Refusal::new("id", "this body is no longer there")]);
        };
        if old.id != node.id {
            return Err(vec![Refusal::new(
                "id",
                "an id never changes: links to the map use it",
            )]);
        }
        self.checked(|w| {
            let f = w.editable_file(r.file)?;
            if f.nodes.set(r.slot, node) {
                Ok(r)
            } else {
                Err(vec![Refusal::new("id", "this body is no longer there")])
            }
        })
    }

    /// Removes a body and every relation that names it. Refused while another body names it
    /// as its successor or a flow names it: those would point at nothing.
    pub fn remove_node(&mut self, r: Ref) -> Result<Vec<Ref>, Vec<Refusal>> {
        let Some(node) = self.node(r) else {
            return Err(vec![Refusal::new("id", "this body is no longer there")]);
        };
        let id = node.id.clone();
        let mut refusals: Vec<Refusal> = self
            .nodes()
            .filter(|(_, n)| n.successor.as_deref() == Some(id.as_str()))
            .map(|(_, n)| {
                Refusal::new(
                    "id",
                    format!("\"{}\" names it as its successor: change that first", n.id),
                )
            })
            .collect();
        for flow in self.check().dataset.flows {
            let named = flow.steps.iter().any(|s| {
                s.from == id || s.to.as_deref() == Some(id.as_str()) || s.basis.contains(&id)
            });
            if named {
                refusals.push(Refusal::new(
                    "id",
                    format!("the flow \"{}\" names it", flow.id),
                ));
            }
        }
        if !refusals.is_empty() {
            return Err(refusals);
        }
        let gone = self.relations_of(&id);
        for e in &gone {
            self.remove(*e);
        }
        self.remove(r);
        Ok(gone)
    }

    /// Adds a relation to `file`. Refused when it breaks a rule (an end that is not a body,
    /// dates out of order, no source).
    pub fn add_edge(&mut self, file: usize, edge: Edge) -> Result<Ref, Vec<Refusal>> {
        self.checked(|w| {
            let k = w.key();
            let f = w.editable_file(file)?;
            f.edges.added.push((k, edge));
            Ok(Ref {
                file,
                list: List::Edges,
                slot: Slot::Added(k),
            })
        })
    }

    pub fn update_edge(&mut self, r: Ref, edge: Edge) -> Result<Ref, Vec<Refusal>> {
        self.checked(|w| {
            let f = w.editable_file(r.file)?;
            if f.edges.set(r.slot, edge) {
                Ok(r)
            } else {
                Err(vec![Refusal::new(
                    "source",
                    "this relation is no longer there",
                )])
            }
        })
    }

    /// Removes a relation.
    pub fn remove_edge(&mut self, r: Ref) {
        if r.list == List::Edges {
            self.remove(r);
        }
    }

    fn remove(&mut self, r: Ref) {
        if let Some(f) = self.files.get_mut(r.file) {
            match r.list {
                List::Nodes => f.nodes.remove(r.slot),
                List::Edges => f.edges.remove(r.slot),
            }
        }
    }

    fn key(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    fn editable_file(&mut self, file: usize) -> Result<&mut FileState, Vec<Refusal>> {
        match self.files.get_mut(file) {
            Some(f) if f.editable() => Ok(f),
            _ => Err(vec![Refusal::new(
                "file",
                "this file cannot be edited: it was not opened or is not a readable data file",
            )]),
        }
    }

    /// Applies `edit` to a copy, checks the copy and keeps it only if the entry the edit
    /// touched has no problem.
    fn checked(
        &mut self,
        edit: impl FnOnce(&mut Workspace) -> Result<Ref, Vec<Refusal>>,
    ) -> Result<Ref, Vec<Refusal>> {
        let mut next = self.clone();
        let r = edit(&mut next)?;
        let refusals = next.problems_of(r);
        if refusals.is_empty() {
            *self = next;
            Ok(r)
        } else {
            Err(refusals)
        }
    }

    /// The validator's problems with one entry, each with the field it is about.
    pub fn problems_of(&self, r: Ref) -> Vec<Refusal> {
        let Some(path) = self.path(r) else {
            return Vec::new();
        };
        let name = &self.files[r.file].name;
        self.check()
            .problems
            .into_iter()
            .filter(|p| &p.file == name)
            .filter_map(|p| {
                let rest = p.place.strip_prefix(&path)?;
                let field = match rest.chars().next() {
                    None => "",
                    Some('.') => &rest[1..],
                    Some('[') => rest,
                    Some(_) => return None,
                };
                Some(Refusal::new(field, p.message))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::doc::entry_text;

    #[test]
    fn an_entry_is_indented_after_its_first_line() {
        let v = serde_json::json!({ "a": [1] });
        assert_eq!(
            entry_text(&v, "    ", true),
            "{\n      \"a\": [\n        1\n      ]\n    }"
        );
        assert_eq!(entry_text(&v, "", false), "{\"a\":[1]}");
    }
}
