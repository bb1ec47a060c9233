//! The view state and the URL: every parameter in one place.
//!
//! A view is what a reader is looking at — selection, search text, filters, focus, path, date,
//! which view, language, embed mode, dataset. It is read from the query string at load and
//! written back on every change, so that a copied address reproduces the view exactly.
//! Parsing never fails: an unknown or malformed parameter is dropped with a [`Notice`] that the
//! UI shows. Adding a parameter means adding a field here, a line in [`ViewState::parse`] and a
//! line in [`ViewState::to_query`]; the round-trip test covers it.

use std::fmt;

use crate::graph::layers::Layer;
use crate::model::{EdgeKind, NodeKind, PartialDate, Role};

/// Which main view is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewKind {
    #[default]
    Graph,
    Compare,
    Table,
}

impl ViewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ViewKind::Graph => "graph",
            ViewKind::Compare => "compare",
            ViewKind::Table => "table",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// Everything the URL can say about the view. Empty filter lists mean "no filter".
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    pub select: Option<String>,
    pub q: String,
    pub country: Vec<String>,
    pub kind: Vec<NodeKind>,
    pub role: Vec<Role>,
    pub rel: Vec<EdgeKind>,
    pub focus: Option<String>,
    /// Neighbourhood depth for `focus`, 1 to 3.
    pub depth: u8,
    pub path: Option<(String, String)>,
    /// The earlier date of a comparison: the map shows `date` (or the data's `as_of`) and marks
    /// what changed since `from` (see `crate::story::diff`). Always before `date`.
    pub from: Option<PartialDate>,
    /// The day the map shows; `None` is the dataset's `as_of` ("today") unless `all_dates`.
    pub date: Option<PartialDate>,
    /// `date=all`: every body of every era at once, an explicit choice.
    pub all_dates: bool,
    /// Which bodies of the `part_of` hierarchy are expanded (`open=`).
    pub open: Open,
    /// Relation layers drawn in full (`layers=`); `None` is the first view's
    /// ([`Layer::DEFAULT`]).
    pub layers: Option<Vec<Layer>>,
    pub view: ViewKind,
    /// Explicit language; `None` means "from the browser".
    pub lang: Option<Lang>,
    pub embed: bool,
    /// Another dataset's folder on the same origin.
    pub data: Option<String>,
    /// The flow played on the map (`flow=<id>`), or the two flows the comparison shows side by
    /// side (`view=compare&flow=<a>,<b>`); checked against the dataset once it is loaded
    /// ([`ViewState::settle_flows`]).
    pub flow: Vec<String>,
    /// The flow's step shown (`step=<n>`, 1-based); `None` is the first.
    pub step: Option<usize>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            select: None,
            q: String::new(),
            country: Vec::new(),
            kind: Vec::new(),
            role: Vec::new(),
            rel: Vec::new(),
            focus: None,
            depth: DEFAULT_DEPTH,
            path: None,
            from: None,
            date: None,
            all_dates: false,
            open: Open::Auto,
            layers: None,
            view: ViewKind::Graph,
            lang: None,
            embed: false,
            data: None,
            flow: Vec::new(),
            step: None,
        }
    }
}

/// A parameter that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub parameter: String,
    pub reason: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ignored `{}`: {}", self.parameter, self.reason)
    }
}

pub const DEFAULT_DEPTH: u8 = 1;

/// Which hierarchy bodies are expanded (their `part_of` children drawn).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Open {
    /// No `open=`: each country opened layer by layer to what fits the screen.
    #[default]
    Auto,
    /// `open=all`: the whole hierarchy.
    All,
    /// `open=<id>,<id>` (possibly none: `open=` shows the top of each hierarchy only).
    Ids(Vec<String>),
}

impl ViewState {
    /// The day the map shows: `date=`, else the dataset's `as_of`; `None` for "all dates".
    pub fn at(&self, as_of: PartialDate) -> Option<PartialDate> {
        if self.all_dates {
            None
        } else {
            Some(self.date.unwrap_or(as_of))
        }
    }

    /// The relation layers drawn in full.
    pub fn layers(&self) -> &[Layer] {
        self.layers.as_deref().unwrap_or(Layer::DEFAULT)
    }
}

impl ViewState {
    /// Reads a query string (with or without the leading `?`).
    pub fn parse(query: &str) -> (ViewState, Vec<Notice>) {
        let mut v = ViewState::default();
        let mut notices = Vec::new();
        let mut notice = |p: &str, r: String| {
            notices.push(Notice {
                parameter: p.to_string(),
                reason: r,
            })
        };
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|s| !s.is_empty())
        {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(key);
            let value = decode(raw);
            let list = || {
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            match key.as_str() {
                "select" => {
                    v.select = id(&value).or_else(|| bad(&mut notice, "select", "not a node id"))
                }
                "q" => v.q = value.chars().take(200).collect(),
                "country" => v.country = list().into_iter().filter(|c| is_slug(c)).collect(),
                "kind" => v.kind = closed(&list(), NodeKind::parse, "kind", &mut notice),
                "role" => v.role = closed(&list(), Role::parse, "role", &mut notice),
                "rel" => v.rel = closed(&list(), EdgeKind::parse, "rel", &mut notice),
                "focus" => {
                    v.focus = id(&value).or_else(|| bad(&mut notice, "focus", "not a node id"))
                }
                "depth" => match value.parse::<u8>() {
                    Ok(d @ 1..=3) => v.depth = d,
                    _ => notice("depth", format!("\"{}\" is not 1, 2 or 3", clip(&value))),
                },
                "path" => match value.split_once('~') {
                    Some((a, b)) if id(a).is_some() && id(b).is_some() => {
                        v.path = Some((a.to_string(), b.to_string()))
                    }
                    _ => notice("path", "write path=<id>~<id>".into()),
                },
                "date" if value == "all" => {
                    v.all_dates = true;
                    v.date = None;
                }
                "date" => match PartialDate::parse(&value) {
                    Ok(d) => {
                        v.date = Some(d);
                        v.all_dates = false;
                    }
                    Err(e) => notice("date", e),
                },
                "open" if value == "all" => v.open = Open::All,
                "open" => {
                    let ids = list();
                    for bad_id in ids.iter().filter(|i| id(i).is_none()) {
                        notice("open", format!("\"{}\" is not a node id", clip(bad_id)));
                    }
                    v.open = Open::Ids(ids.into_iter().filter(|i| id(i).is_some()).collect());
                }
                "layers" if value == "all" => v.layers = Some(Layer::ALL.to_vec()),
                "layers" => v.layers = Some(closed(&list(), Layer::parse, "layers", &mut notice)),
                "from" => match PartialDate::parse(&value) {
                    Ok(d) => v.from = Some(d),
                    Err(e) => notice("from", e),
                },
                "view" => match value.as_str() {
                    "graph" => v.view = ViewKind::Graph,
                    "compare" => v.view = ViewKind::Compare,
                    "table" => v.view = ViewKind::Table,
                    _ => notice(
                        "view",
                        format!("\"{}\" is not graph, compare or table", clip(&value)),
                    ),
                },
                "lang" => match value.as_str() {
                    "en" => v.lang = Some(Lang::En),
                    "ja" => v.lang = Some(Lang::Ja),
                    _ => notice("lang", format!("\"{}\" is not en or ja", clip(&value))),
                },
                "embed" => match value.as_str() {
                    "1" | "true" => v.embed = true,
                    "0" | "false" => v.embed = false,
                    _ => notice("embed", "write embed=1".into()),
                },
                "data" => match same_origin_path(&value) {
                    Some(p) => v.data = Some(p),
                    None => notice(
                        "data",
                        format!(
                            "\"{}\" is not a path on this site; other origins are refused",
                            clip(&value)
                        ),
                    ),
                },
                "flow" => {
                    let ids = list();
                    for bad_id in ids.iter().filter(|i| id(i).is_none()) {
                        notice("flow", format!("\"{}\" is not a flow id", clip(bad_id)));
                    }
                    v.flow = ids
                        .into_iter()
                        .filter(|i| id(i).is_some())
                        .take(2)
                        .collect();
                }
                "step" => match value.parse::<usize>() {
                    Ok(n @ 1..) => v.step = Some(n),
                    _ => notice(
                        "step",
                        format!("\"{}\" is not a step number (1, 2...)", clip(&value)),
                    ),
                },
                // `edit=1` opens the editor's page before the map starts (`ui::mount`); the map
                // itself only sees it where no editor is offered.
                "edit" => notice(
                    "edit",
                    "the dataset editor opens from the site itself (edit.html), not in an embed or the single file"
                        .into(),
                ),
                other => notice(other, "unknown parameter".into()),
            }
        }
        if v.all_dates && v.from.is_some() {
            v.from = None;
            notice(
                "from",
                "date=all shows every era at once: a comparison needs a date".into(),
            );
        } else if let Some(date) = v.date {
            notices.extend(v.settle_from(date));
        }
        (v, notices)
    }

    /// Drops `from` when it is not before `end` (the view's date, or the data's `as_of` when
    /// the view has none: the UI calls this once the data is loaded), with a notice.
    pub fn settle_from(&mut self, end: PartialDate) -> Option<Notice> {
        let from = self.from.filter(|f| f.start() >= end.start())?;
        self.from = None;
        Some(Notice {
            parameter: "from".into(),
            reason: format!("{from} is not before {end}: a comparison needs an earlier date"),
        })
    }

    /// Checks `flow=` and `step=` against the dataset's flows (the UI calls this once the data
    /// is loaded): an unknown flow is dropped, and a step the flow does not have, each with a
    /// notice. A flow opened without `date=` shows the map on the flow's own date.
    pub fn settle_flows(&mut self, flows: &[crate::model::Flow]) -> Vec<Notice> {
        let mut notices = Vec::new();
        let named = !self.flow.is_empty();
        self.flow.retain(|id| {
            let known = flows.iter().any(|f| &f.id == id);
            if !known {
                notices.push(Notice {
                    parameter: "flow".into(),
                    reason: format!("no flow \"{id}\" in this dataset"),
                });
            }
            known
        });
        let first = self
            .flow
            .first()
            .and_then(|id| flows.iter().find(|f| &f.id == id));
        match (first, self.step) {
            // An unknown flow's step goes with it (its notice says why).
            (None, Some(_)) if named => self.step = None,
            (None, Some(_)) => {
                self.step = None;
                notices.push(Notice {
                    parameter: "step".into(),
                    reason: "a step needs a flow (flow=<id>)".into(),
                });
            }
            (Some(f), Some(n)) if n > f.steps.len() => {
                self.step = None;
                notices.push(Notice {
                    parameter: "step".into(),
                    reason: format!("flow \"{}\" has {} steps, not {n}", f.id, f.steps.len()),
                });
            }
            _ => {}
        }
        if let Some(f) = first {
            if self.date.is_none() && !self.all_dates && self.flow.len() == 1 {
                self.date = Some(f.date);
                notices.extend(self.settle_from(f.date));
            }
        }
        notices
    }

    /// The query string for this view (without `?`); parameters at their default are left out.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut put = |k: &str, v: String| parts.push(format!("{k}={}", encode(&v)));
        if let Some(s) = &self.select {
            put("select", s.clone());
        }
        if !self.q.is_empty() {
            put("q", self.q.clone());
        }
        if !self.country.is_empty() {
            put("country", self.country.join(","));
        }
        if !self.kind.is_empty() {
            put(
                "kind",
                self.kind
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        if !self.role.is_empty() {
            put(
                "role",
                self.role
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        if !self.rel.is_empty() {
            put(
                "rel",
                self.rel
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        if let Some(f) = &self.focus {
            put("focus", f.clone());
            if self.depth != DEFAULT_DEPTH {
                put("depth", self.depth.to_string());
            }
        }
        if let Some((a, b)) = &self.path {
            put("path", format!("{a}~{b}"));
        }
        if let Some(f) = self.from {
            put("from", f.to_string());
        }
        if self.all_dates {
            put("date", "all".into());
        } else if let Some(d) = self.date {
            put("date", d.to_string());
        }
        match &self.open {
            Open::Auto => {}
            Open::All => put("open", "all".into()),
            Open::Ids(ids) => put("open", ids.join(",")),
        }
        if let Some(layers) = &self.layers {
            let all = Layer::ALL.iter().all(|l| layers.contains(l));
            put(
                "layers",
                if all {
                    "all".into()
                } else {
                    layers
                        .iter()
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                },
            );
        }
        if self.view != ViewKind::Graph {
            put("view", self.view.as_str().into());
        }
        if let Some(l) = self.lang {
            put("lang", l.as_str().into());
        }
        if self.embed {
            put("embed", "1".into());
        }
        if let Some(d) = &self.data {
            put("data", d.clone());
        }
        if !self.flow.is_empty() {
            put("flow", self.flow.join(","));
        }
        if let Some(n) = self.step {
            put("step", n.to_string());
        }
        parts.join("&")
    }
}

fn bad<T>(notice: &mut impl FnMut(&str, String), p: &str, why: &str) -> Option<T> {
    notice(p, why.into());
    None
}

fn id(s: &str) -> Option<String> {
    crate::model::validate::is_id(s).then(|| s.to_string())
}

fn is_slug(s: &str) -> bool {
    crate::model::validate::is_id(s)
}

fn closed<T>(
    items: &[String],
    parse: fn(&str) -> Option<T>,
    p: &str,
    notice: &mut impl FnMut(&str, String),
) -> Vec<T> {
    items
        .iter()
        .filter_map(|s| {
            let v = parse(s);
            if v.is_none() {
                notice(p, format!("unknown value \"{}\"", clip(s)));
            }
            v
        })
        .collect()
}

/// A dataset folder on the page's own origin: a relative path without `..`, or an absolute
/// path. Anything with a scheme or a host (`https://…`, `//host/…`, `data:`) is refused.
pub fn same_origin_path(p: &str) -> Option<String> {
    let ok = !p.is_empty()
        && !p.starts_with("//")
        && !p.contains("://")
        && !p.contains('\\')
        && !p.split('/').any(|seg| seg == "..")
        && !p.split('/').next().is_some_and(|first| first.contains(':'))
        && p.chars().all(|c| !c.is_control() && !c.is_whitespace());
    ok.then(|| {
        if p.ends_with('/') {
            p.to_string()
        } else {
            format!("{p}/")
        }
    })
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Percent-decoding of a query component (`+` is a space).
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of a query component; keeps `,` and `~` readable.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_parameter() {
        let (v, notices) = ViewState::parse(
            "?select=jp-nco&q=cyber%20defense&country=us,jp&kind=agency,military&role=incident_response&rel=part_of&focus=us-cisa&depth=2&path=us-cisa~jp-nco&from=2014&date=2015-06-01&view=table&lang=ja&embed=1&data=variants/2024/&flow=jp-acd-operator-reporting&step=3",
        );
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(v.select.as_deref(), Some("jp-nco"));
        assert_eq!(v.q, "cyber defense");
        assert_eq!(v.country, ["us", "jp"]);
        assert_eq!(v.kind, [NodeKind::Agency, NodeKind::Military]);
        assert_eq!(v.role, [Role::IncidentResponse]);
        assert_eq!(v.rel, [EdgeKind::PartOf]);
        assert_eq!((v.focus.as_deref(), v.depth), (Some("us-cisa"), 2));
        assert_eq!(v.path, Some(("us-cisa".into(), "jp-nco".into())));
        assert_eq!(v.date, Some(PartialDate::ymd(2015, 6, 1)));
        assert_eq!(v.from, PartialDate::parse("2014").ok());
        assert_eq!(
            (v.view, v.lang, v.embed),
            (ViewKind::Table, Some(Lang::Ja), true)
        );
        assert_eq!(v.data.as_deref(), Some("variants/2024/"));
        assert_eq!(
            (v.flow.as_slice(), v.step),
            (&["jp-acd-operator-reporting".to_string()][..], Some(3))
        );
    }

    #[test]
    fn writes_what_it_reads() {
        let q = "select=jp-nco&q=%E5%86%85%E9%96%A3&country=us,jp&kind=agency&role=diplomacy&rel=part_of,counterpart_of&focus=us-cisa&depth=3&path=us-cisa~jp-nco&from=2022-12-16&date=2025-07&open=us-dhs,jp-mod&layers=structure,legal&view=compare&lang=en&embed=1&data=other/&flow=us-ransomware-victim,jp-ransomware-victim&step=2";
        let (v, notices) = ViewState::parse(q);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(v.to_query(), q);
        assert_eq!(ViewState::parse(&v.to_query()).0, v);
    }

    #[test]
    fn today_is_the_default_and_all_dates_is_explicit() {
        let as_of = PartialDate::ymd(2026, 11, 22);
        let (v, _) = ViewState::parse("");
        assert_eq!(v.at(as_of), Some(as_of));
        let (v, notices) = ViewState::parse("date=all&open=all&layers=all");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!((v.at(as_of), &v.open), (None, &Open::All));
        assert_eq!(v.layers(), Layer::ALL);
        assert_eq!(v.to_query(), "date=all&open=all&layers=all");
        let (v, _) = ViewState::parse("date=2015-06-01");
        assert_eq!(v.at(as_of), Some(PartialDate::ymd(2015, 6, 1)));
        assert_eq!(ViewState::parse("open=").0.open, Open::Ids(vec![]));
        assert_eq!(ViewState::parse("").0.layers(), Layer::DEFAULT);
        let (v, notices) = ViewState::parse("open=us-dhs,<b>&layers=structure,nope");
        assert_eq!(v.open, Open::Ids(vec!["us-dhs".into()]));
        assert_eq!(v.layers(), [Layer::Structure]);
        assert_eq!(notices.len(), 2, "{notices:?}");
    }

    #[test]
    fn the_default_view_has_an_empty_query() {
        assert_eq!(ViewState::parse("").0.to_query(), "");
    }

    #[test]
    fn bad_parameters_are_ignored_with_a_notice() {
        let (v, notices) = ViewState::parse("?date=yesterday&depth=9&view=map&lang=fr&kind=agency,spies&foo=1&select=<script>&path=a");
        assert_eq!(v.kind, [NodeKind::Agency]);
        assert_eq!(
            (v.date, v.depth, v.view, v.lang, v.select.clone()),
            (None, 1, ViewKind::Graph, None, None)
        );
        let named: Vec<&str> = notices.iter().map(|n| n.parameter.as_str()).collect();
        for p in [
            "date", "depth", "view", "lang", "kind", "foo", "select", "path",
        ] {
            assert!(named.contains(&p), "no notice for {p}: {notices:?}");
        }
    }

    #[test]
    fn a_comparison_needs_an_earlier_date() {
        for q in [
            "from=2025-07-01&date=2025-06-30",
            "date=2025&from=2025-01-01",
            "from=2025-07&date=2025-07-01",
            "from=yesterday&date=2025",
            "from=2020&date=all",
        ] {
            let (v, notices) = ViewState::parse(q);
            assert_eq!(v.from, None, "{q}");
            assert_eq!(notices.len(), 1, "{q}: {notices:?}");
            assert_eq!(notices[0].parameter, "from", "{q}");
        }
        let (v, notices) = ViewState::parse("date=2025-07-01&from=2025-06-30");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(v.to_query(), "from=2025-06-30&date=2025-07-01");
        // Without a date the end is the data's as_of, known once the data is loaded.
        let (mut v, notices) = ViewState::parse("from=2027");
        assert!(notices.is_empty(), "{notices:?}");
        let n = v
            .settle_from(PartialDate::ymd(2026, 11, 22))
            .expect("a notice");
        assert!(
            n.to_string().contains("2027 is not before 2026-11-22"),
            "{n}"
        );
        assert_eq!(v.from, None);
    }

    #[test]
    fn flows_and_steps_are_checked_against_the_data() {
        let flow: crate::model::Flow = serde_json::from_value(serde_json::json!({
            "id": "jp-a", "title": {"en": "A"}, "summary": {"en": "A"}, "country": "jp",
            "date": "2025-05-16", "sources": [],
            "steps": [
                {"from": "jp-x", "action": {"en": "one"}, "sources": []},
                {"from": "jp-y", "action": {"en": "two"}, "sources": []}
            ]
        }))
        .expect("a flow");
        let flows = [flow];
        // Known flow: opens on its own date unless the URL says otherwise.
        let (mut v, notices) = ViewState::parse("flow=jp-a&step=2");
        assert!(notices.is_empty(), "{notices:?}");
        assert!(v.settle_flows(&flows).is_empty());
        assert_eq!(v.date, PartialDate::parse("2025-05-16").ok());
        assert_eq!(v.to_query(), "date=2025-05-16&flow=jp-a&step=2");
        let (mut v, _) = ViewState::parse("date=2020&flow=jp-a");
        assert!(v.settle_flows(&flows).is_empty());
        assert_eq!(v.date, PartialDate::parse("2020").ok());
        // Unknown flows and steps are dropped with a notice, and nothing else changes.
        for (q, left) in [
            ("flow=nope&step=1", ""),
            ("flow=jp-a&step=3", "date=2025-05-16&flow=jp-a"),
            ("step=1", ""),
            (
                "flow=jp-a,nope&view=compare",
                "date=2025-05-16&view=compare&flow=jp-a",
            ),
        ] {
            let (mut v, notices) = ViewState::parse(q);
            assert!(notices.is_empty(), "{q}: {notices:?}");
            let notices = v.settle_flows(&flows);
            assert_eq!(notices.len(), 1, "{q}: {notices:?}");
            assert_eq!(v.to_query(), left, "{q}");
        }
        let (v, notices) = ViewState::parse("flow=<b>&step=0");
        assert_eq!(
            (v.flow.len(), v.step, notices.len()),
            (0, None, 2),
            "{notices:?}"
        );
    }

    #[test]
    fn other_origins_are_refused_for_data() {
        for bad in [
            "https://evil.example/data/",
            "//evil.example/data",
            "javascript:alert(1)",
            "data:text/plain,x",
            "../../etc/",
            "a/../../b",
        ] {
            let (v, notices) = ViewState::parse(&format!("data={}", encode(bad)));
            assert_eq!(v.data, None, "{bad} accepted");
            assert_eq!(notices.len(), 1, "{bad}");
        }
        assert_eq!(
            same_origin_path("/alliance/data").as_deref(),
            Some("/alliance/data/")
        );
        assert_eq!(
            same_origin_path("variants/2024").as_deref(),
            Some("variants/2024/")
        );
    }

    #[test]
    fn decoding_survives_broken_escapes() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%E6%97%A5%E6%9C%AC"), "日本");
    }
}
