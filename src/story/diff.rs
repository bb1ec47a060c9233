//! What changed between two dates: the bodies and relations that began or ended between the
//! map at `from` and the map at `to`.
//!
//! The comparison is between two states, each the map as the date slider would show it on that
//! day ([`body_exists_at`], [`relation_exists_at`], the same rule as `graph::view::visible`,
//! which a test checks): a body exists from its `since` up to, not including, its `until`; a
//! relation exists when its own `since`/`until` allow it *and* both its bodies exist. So:
//!
//! - a body is **added** when it exists at `to` and not at `from` (it began in `(from, to]`);
//!   it is **ended** when it existed at `from` and not at `to`, or **succeeded** when it has a
//!   `successor`. Its date is its `since` or its `until`.
//! - a relation is **added** or **ended** by the same rule, whether because of its own dates or
//!   because one of its bodies began or ended ([`Change::through_body`] says when it changed
//!   with one of its bodies, so the UI can fold it under that body). Its date is the day it began to exist (the
//!   latest `since` of it and its two bodies) or stopped (the earliest `until`).
//! - a body that began and ended inside the period exists in neither state, so it is not a
//!   change between them and is not marked; it is listed apart, in [`Changes::passed`], so the
//!   change list can still say it came and went (NISC of 2015–2025 over the whole period).
//!   Relations that came and went are not listed.
//!
//! A change belongs to the country of its body; a relation to the country of its source, or to
//! `intl` when its two bodies belong to different countries. The list is grouped by country
//! (manifest order, then `intl`) and sorted by date within each group. The UI shows it: the
//! words for "what happened" in both languages are its own, here it gets [`Happened`].

use std::collections::HashMap;

use crate::model::{Dataset, Edge, EdgeKind, Manifest, Node, PartialDate, Reform, Source, INTL};
use crate::view::ViewState;

/// How a body or relation changed; `as_str` is the value of the `data-change` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Ended,
    /// Ended, replaced by its `successor` (bodies only).
    Succeeded,
}

impl ChangeKind {
    pub const ALL: &'static [ChangeKind] =
        &[ChangeKind::Added, ChangeKind::Ended, ChangeKind::Succeeded];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Ended => "ended",
            ChangeKind::Succeeded => "succeeded",
        }
    }
}

/// What a change is about: a dataset node or a dataset edge, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Body(usize),
    Relation(usize),
}

/// What happened, as structured data for the UI's words in each language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Happened {
    /// A body was established.
    Established,
    /// A body was established in place of these, which ended in the same period with it as
    /// their `successor` (NISC → NCO).
    Replaces(Vec<String>),
    /// A body ended, with no successor.
    Ended,
    /// A body ended and this one took its place.
    ReplacedBy(String),
    /// A `member_of` relation began: the source joined this body.
    Joined(String),
    /// A `member_of` relation ended: the source left this body.
    Left(String),
    /// Another relation began.
    Linked(EdgeKind),
    /// Another relation ended.
    Unlinked(EdgeKind),
}

impl Happened {
    /// A stable key, for the UI's dictionary and the CSV: `established`, `replaces`, `ended`,
    /// `replaced_by`, `joined`, `left`, `linked`, `unlinked`.
    pub fn key(&self) -> &'static str {
        match self {
            Happened::Established => "established",
            Happened::Replaces(_) => "replaces",
            Happened::Ended => "ended",
            Happened::ReplacedBy(_) => "replaced_by",
            Happened::Joined(_) => "joined",
            Happened::Left(_) => "left",
            Happened::Linked(_) => "linked",
            Happened::Unlinked(_) => "unlinked",
        }
    }

    /// The other bodies named: the successor, the predecessors, the body joined or left.
    pub fn others(&self) -> Vec<&str> {
        match self {
            Happened::Replaces(ids) => ids.iter().map(String::as_str).collect(),
            Happened::ReplacedBy(id) | Happened::Joined(id) | Happened::Left(id) => vec![id],
            _ => Vec::new(),
        }
    }

    /// In English, with ids for names: "replaced by jp-nco", "relation began: part of".
    pub fn describe_en(&self) -> String {
        match self {
            Happened::Established => "established".into(),
            Happened::Replaces(ids) => format!("established, replacing {}", ids.join(", ")),
            Happened::Ended => "ended".into(),
            Happened::ReplacedBy(id) => format!("replaced by {id}"),
            Happened::Joined(id) => format!("joined {id}"),
            Happened::Left(id) => format!("left {id}"),
            Happened::Linked(k) => format!("relation began: {}", k.label()),
            Happened::Unlinked(k) => format!("relation ended: {}", k.label()),
        }
    }
}

/// One change between the two dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub subject: Subject,
    pub kind: ChangeKind,
    pub happened: Happened,
    /// The day it happened, at the precision the data gives.
    pub date: PartialDate,
    /// The body's country; for a relation its source's, or `intl` when its ends differ.
    pub country: String,
    /// For a relation: true when it began (ended) the day one of its bodies began (ended) in
    /// the period, so the UI can fold it under that body's change; false for a rewiring
    /// between bodies that stay (the Prime Minister leading the headquarters from July 2025).
    /// Always false for a body.
    pub through_body: bool,
}

impl Change {
    /// The body's index, for a body.
    pub fn node(&self) -> Option<usize> {
        match self.subject {
            Subject::Body(i) => Some(i),
            Subject::Relation(_) => None,
        }
    }

    /// The relation's index, for a relation.
    pub fn edge(&self) -> Option<usize> {
        match self.subject {
            Subject::Relation(k) => Some(k),
            Subject::Body(_) => None,
        }
    }

    /// `body` or `relation`.
    pub fn subject_str(&self) -> &'static str {
        match self.subject {
            Subject::Body(_) => "body",
            Subject::Relation(_) => "relation",
        }
    }

    /// The ids for `data-change-id`: the body's id, or a relation's source and target.
    pub fn ids<'a>(&self, d: &'a Dataset) -> (&'a str, Option<&'a str>) {
        match self.subject {
            Subject::Body(i) => (d.nodes[i].id.as_str(), None),
            Subject::Relation(k) => (d.edges[k].source.as_str(), Some(d.edges[k].target.as_str())),
        }
    }

    /// The body's or the relation's own sources.
    pub fn sources<'a>(&self, d: &'a Dataset) -> &'a [Source] {
        match self.subject {
            Subject::Body(i) => &d.nodes[i].sources,
            Subject::Relation(k) => &d.edges[k].sources,
        }
    }
}

/// How many changes of each kind one country has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountryCounts {
    pub country: String,
    pub added: usize,
    pub ended: usize,
    pub succeeded: usize,
    pub relations_added: usize,
    pub relations_ended: usize,
}

impl CountryCounts {
    pub fn bodies(&self) -> usize {
        self.added + self.ended + self.succeeded
    }

    pub fn relations(&self) -> usize {
        self.relations_added + self.relations_ended
    }
}

/// Every change between `from` and `to`, with a mark per body and relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    pub from: PartialDate,
    pub to: PartialDate,
    /// Grouped by country (manifest order, then `intl`), in date order within each group.
    pub list: Vec<Change>,
    /// Bodies that began after `from` and ended by `to`: in neither map, so not marked. Each
    /// as its end (`Ended` or `Succeeded`, dated by its `until`), in the same order as `list`.
    pub passed: Vec<Change>,
    nodes: Vec<Option<ChangeKind>>,
    edges: Vec<Option<ChangeKind>>,
}

impl Changes {
    /// The mark of dataset node `i` (`data-change`), if it changed.
    pub fn change_of_node(&self, i: usize) -> Option<ChangeKind> {
        self.nodes.get(i).copied().flatten()
    }

    /// The mark of dataset edge `k` (`added` or `ended`), if it changed.
    pub fn change_of_edge(&self, k: usize) -> Option<ChangeKind> {
        self.edges.get(k).copied().flatten()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The list cut into its country groups, in order.
    pub fn groups(&self) -> Vec<(&str, &[Change])> {
        let mut out: Vec<(&str, &[Change])> = Vec::new();
        let mut start = 0;
        for i in 1..=self.list.len() {
            if i == self.list.len() || self.list[i].country != self.list[start].country {
                out.push((self.list[start].country.as_str(), &self.list[start..i]));
                start = i;
            }
        }
        out
    }

    /// Counts per country, in the list's order (countries without a change are left out).
    pub fn counts(&self) -> Vec<CountryCounts> {
        self.groups()
            .into_iter()
            .map(|(country, changes)| {
                let mut c = CountryCounts {
                    country: country.to_string(),
                    ..CountryCounts::default()
                };
                for ch in changes {
                    match (ch.subject, ch.kind) {
                        (Subject::Body(_), ChangeKind::Added) => c.added += 1,
                        (Subject::Body(_), ChangeKind::Ended) => c.ended += 1,
                        (Subject::Body(_), ChangeKind::Succeeded) => c.succeeded += 1,
                        (Subject::Relation(_), ChangeKind::Added) => c.relations_added += 1,
                        (Subject::Relation(_), _) => c.relations_ended += 1,
                    }
                }
                c
            })
            .collect()
    }

    /// Keeps only the changes `keep` accepts, and their marks.
    pub fn retain(&mut self, mut keep: impl FnMut(&Change) -> bool) {
        self.list.retain(|c| keep(c));
        self.passed.retain(|c| keep(c));
        self.nodes.iter_mut().for_each(|m| *m = None);
        self.edges.iter_mut().for_each(|m| *m = None);
        for c in &self.list {
            match c.subject {
                Subject::Body(i) => self.nodes[i] = Some(c.kind),
                Subject::Relation(k) => self.edges[k] = Some(c.kind),
            }
        }
    }
}

/// True when the body exists on `at`: the rule of the date slider.
pub fn body_exists_at(n: &Node, at: PartialDate) -> bool {
    n.exists_at(at)
}

/// True when the relation exists on `at`: its own dates allow it and both its bodies exist.
/// The same rule as `graph::view::visible` with only a date set.
pub fn relation_exists_at(e: &Edge, source: &Node, target: &Node, at: PartialDate) -> bool {
    own_dates_allow(e, at) && source.exists_at(at) && target.exists_at(at)
}

fn own_dates_allow(e: &Edge, at: PartialDate) -> bool {
    e.since.is_none_or(|s| s.start() <= at.start())
        && e.until.is_none_or(|u| at.start() < u.start())
}

/// The changes between the map at `from` and the map at `to`, over the whole dataset. When
/// `from` is not before `to` there are none.
pub fn diff(d: &Dataset, from: PartialDate, to: PartialDate) -> Changes {
    let mut changes = Changes {
        from,
        to,
        list: Vec::new(),
        passed: Vec::new(),
        nodes: vec![None; d.nodes.len()],
        edges: vec![None; d.edges.len()],
    };
    if from.start() >= to.start() {
        return changes;
    }
    let index = super::node_index(d);

    for (i, n) in d.nodes.iter().enumerate() {
        let change = match (n.exists_at(from), n.exists_at(to)) {
            (false, true) => Change {
                subject: Subject::Body(i),
                kind: ChangeKind::Added,
                happened: Happened::Established,
                date: n.since,
                country: n.country.clone(),
                through_body: false,
            },
            (true, false) => ended(i, n),
            // Began after `from` and ended by `to`: in neither map.
            (false, false) if from.start() < n.since.start() && n.until.is_some() => {
                changes.passed.push(ended(i, n));
                continue;
            }
            _ => continue,
        };
        changes.nodes[i] = Some(change.kind);
        changes.list.push(change);
    }
    // A body that came in place of others that ended in the period says so.
    let mut predecessors: HashMap<&str, Vec<String>> = HashMap::new();
    for c in &changes.list {
        if let (ChangeKind::Succeeded, Happened::ReplacedBy(s)) = (c.kind, &c.happened) {
            let id = d.nodes[c.node().unwrap_or_default()].id.clone();
            predecessors.entry(s.as_str()).or_default().push(id);
        }
    }
    let mut replaces: Vec<(usize, Vec<String>)> = Vec::new();
    for (pos, c) in changes.list.iter().enumerate() {
        if let (ChangeKind::Added, Some(i)) = (c.kind, c.node()) {
            if let Some(p) = predecessors.get(d.nodes[i].id.as_str()) {
                replaces.push((pos, p.clone()));
            }
        }
    }
    for (pos, mut ids) in replaces {
        ids.sort();
        changes.list[pos].happened = Happened::Replaces(ids);
    }

    for (k, e) in d.edges.iter().enumerate() {
        let (Some(&s), Some(&t)) = (index.get(e.source.as_str()), index.get(e.target.as_str()))
        else {
            continue;
        };
        let (src, tgt) = (&d.nodes[s], &d.nodes[t]);
        let before = relation_exists_at(e, src, tgt, from);
        let after = relation_exists_at(e, src, tgt, to);
        let (kind, date) = match (before, after) {
            // It exists at `to`, so every `since` is at most `to`; the latest is when it began.
            (false, true) => {
                let began = [e.since, Some(src.since), Some(tgt.since)]
                    .into_iter()
                    .flatten()
                    .max_by_key(|d| d.start())
                    .unwrap_or(src.since);
                (ChangeKind::Added, began)
            }
            // It existed at `from`, so every `until` is after `from`; the earliest is its end.
            (true, false) => {
                let ended = [e.until, src.until, tgt.until]
                    .into_iter()
                    .flatten()
                    .min_by_key(|d| d.start())
                    .unwrap_or(to);
                (ChangeKind::Ended, ended)
            }
            _ => continue,
        };
        let happened = match (kind, e.kind) {
            (ChangeKind::Added, EdgeKind::MemberOf) => Happened::Joined(e.target.clone()),
            (_, EdgeKind::MemberOf) => Happened::Left(e.target.clone()),
            (ChangeKind::Added, k) => Happened::Linked(k),
            (_, k) => Happened::Unlinked(k),
        };
        let country = if src.country == tgt.country {
            src.country.clone()
        } else {
            INTL.to_string()
        };
        changes.edges[k] = Some(kind);
        changes.list.push(Change {
            subject: Subject::Relation(k),
            kind,
            happened,
            date,
            country,
            through_body: [src, tgt].iter().any(|n| match kind {
                ChangeKind::Added => n.since.start() == date.start(),
                _ => n.until.is_some_and(|u| u.start() == date.start()),
            }),
        });
    }

    let rank = country_rank(&d.manifest);
    let key = |c: &Change| {
        let (what, index) = match c.subject {
            Subject::Body(i) => (0, i),
            Subject::Relation(k) => (1, k),
        };
        (rank(&c.country), c.date.start(), what, c.kind, index)
    };
    changes.list.sort_by_key(key);
    changes.passed.sort_by_key(key);
    changes
}

/// A body's end as a change: succeeded when it has a successor.
fn ended(i: usize, n: &Node) -> Change {
    let (kind, happened) = match &n.successor {
        Some(s) => (ChangeKind::Succeeded, Happened::ReplacedBy(s.clone())),
        None => (ChangeKind::Ended, Happened::Ended),
    };
    Change {
        subject: Subject::Body(i),
        kind,
        happened,
        date: n.until.unwrap_or(n.since),
        country: n.country.clone(),
        through_body: false,
    }
}

/// Countries in the manifest's order, then `intl`, then anything else by name.
fn country_rank(m: &Manifest) -> impl Fn(&str) -> (usize, String) + '_ {
    move |c: &str| {
        let at = m.countries.iter().position(|k| k.id == c);
        match at {
            Some(p) => (p, String::new()),
            None if c == INTL => (m.countries.len(), String::new()),
            None => (m.countries.len() + 1, c.to_string()),
        }
    }
}

/// The changes a view marks: since `v.from` up to the day the view shows (`v.date`, or the
/// data's `as_of` when the view has none; nothing for `date=all`), limited to what the view's country, kind, role and relation filters let
/// through, as `graph::view::visible` applies them (a relation passes when both its bodies do
/// and its kind is allowed). The focus is not applied: an ended body has no neighbourhood at
/// the end date. `None` when the view compares nothing or `from` is not before the end date.
pub fn diff_view(d: &Dataset, v: &ViewState) -> Option<Changes> {
    let from = v.from?;
    let to = v.at(d.manifest.as_of)?;
    if from.start() >= to.start() {
        return None;
    }
    let mut changes = diff(d, from, to);
    if v.country.is_empty() && v.kind.is_empty() && v.role.is_empty() && v.rel.is_empty() {
        return Some(changes);
    }
    let pass: Vec<bool> = d
        .nodes
        .iter()
        .map(|n| {
            (v.country.is_empty() || v.country.contains(&n.country))
                && (v.kind.is_empty() || v.kind.contains(&n.kind))
                && (v.role.is_empty() || n.roles.iter().any(|r| v.role.contains(r)))
        })
        .collect();
    let index = super::node_index(d);
    let end_passes = |id: &str| index.get(id).is_some_and(|&i| pass[i]);
    changes.retain(|c| match c.subject {
        Subject::Body(i) => pass[i],
        Subject::Relation(k) => {
            let e = &d.edges[k];
            (v.rel.is_empty() || v.rel.contains(&e.kind))
                && end_passes(&e.source)
                && end_passes(&e.target)
        }
    });
    Some(changes)
}

/// The two dates of a preset: its `to` defaults to the data's `as_of`.
pub fn preset_dates(r: &Reform, m: &Manifest) -> (PartialDate, PartialDate) {
    (r.from, r.to.unwrap_or(m.as_of))
}

/// Sets the view to compare a preset's two dates (`from=` and `date=`).
pub fn apply_preset(v: &mut ViewState, r: &Reform, m: &Manifest) {
    let (from, to) = preset_dates(r, m);
    v.from = Some(from);
    v.date = Some(to);
}
