//! The text of one data file as the maintainer wrote it, with the place of every entry of its
//! `nodes` and `edges`, so that a saved file keeps the exact bytes of each entry that was not
//! edited and a `git diff` shows only the change.
//!
//! The places come from serde_json's `RawValue`, which borrows each value's text from the file:
//! its address within the file's text is its offset. Edited and new entries are written the way
//! the bundled files are (`serde_json`'s pretty printer, two spaces), indented to the depth of
//! the array they go into.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::value::RawValue;

/// The two lists the editor changes. Flows and any other key are kept as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Nodes,
    Edges,
}

impl List {
    pub fn key(self) -> &'static str {
        match self {
            List::Nodes => "nodes",
            List::Edges => "edges",
        }
    }
}

/// A file's text and where its lists and their entries are in it (byte offsets).
#[derive(Clone, Debug)]
pub struct Doc {
    text: String,
    /// The end of the last member of the top object (where a missing list is added).
    last_member_end: usize,
    nodes: Option<Span>,
    edges: Option<Span>,
}

/// One array: its brackets and its items, each `(start, end)`.
#[derive(Clone, Debug)]
struct Span {
    open: usize,
    close: usize,
    items: Vec<(usize, usize)>,
}

/// What goes into a list when the file is written: an entry's original text (by its number in
/// the original list), or an entry to write anew.
pub enum Piece<'a, T> {
    Original(usize),
    New(&'a T),
}

impl Doc {
    /// Reads the structure of `text`. Fails (with serde_json's message) when the text is not a
    /// JSON object, or `nodes` or `edges` is not a list: such a file cannot be edited in place.
    pub fn parse(text: &str) -> Result<Doc, String> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let base = text.as_ptr() as usize;
        let offset = |s: &str| s.as_ptr() as usize - base;
        let top: BTreeMap<String, &RawValue> =
            serde_json::from_str(body).map_err(|e| e.to_string())?;
        let last_member_end = top
            .values()
            .map(|v| offset(v.get()) + v.get().len())
            .max()
            .ok_or("an empty object: a data file has `nodes` and `edges`")?;
        let span = |key: &str| -> Result<Option<Span>, String> {
            let Some(raw) = top.get(key) else {
                return Ok(None);
            };
            let items: Vec<&RawValue> = serde_json::from_str(raw.get())
                .map_err(|e| format!("`{key}` is not a list: {e}"))?;
            let open = offset(raw.get());
            Ok(Some(Span {
                open,
                close: open + raw.get().len() - 1,
                items: items
                    .iter()
                    .map(|i| (offset(i.get()), offset(i.get()) + i.get().len()))
                    .collect(),
            }))
        };
        Ok(Doc {
            nodes: span("nodes")?,
            edges: span("edges")?,
            text: text.to_string(),
            last_member_end,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original text of entry `index` of a list.
    pub fn item(&self, list: List, index: usize) -> Option<&str> {
        let (a, b) = *self.span(list)?.items.get(index)?;
        self.text.get(a..b)
    }

    /// How many entries a list had.
    pub fn len(&self, list: List) -> usize {
        self.span(list).map_or(0, |s| s.items.len())
    }

    fn span(&self, list: List) -> Option<&Span> {
        match list {
            List::Nodes => self.nodes.as_ref(),
            List::Edges => self.edges.as_ref(),
        }
    }

    /// The file with its two lists made of `nodes` and `edges`. A list whose pieces are its
    /// original entries in their order is left exactly as it was.
    pub fn render<N: Serialize, E: Serialize>(
        &self,
        nodes: &[Piece<'_, N>],
        edges: &[Piece<'_, E>],
    ) -> String {
        let mut parts: Vec<(usize, usize, String)> = Vec::new();
        let mut added = String::new();
        for (list, span, text) in [
            (
                List::Nodes,
                self.nodes.as_ref(),
                self.list_text(List::Nodes, nodes),
            ),
            (
                List::Edges,
                self.edges.as_ref(),
                self.list_text(List::Edges, edges),
            ),
        ] {
            match (span, text) {
                (Some(s), Some(t)) => parts.push((s.open, s.close + 1, t)),
                (None, Some(t)) => {
                    added.push_str(&format!(",\n  \"{}\": {t}", list.key()));
                }
                _ => {}
            }
        }
        if !added.is_empty() {
            parts.push((self.last_member_end, self.last_member_end, added));
        }
        parts.sort_by_key(|p| p.0);
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut at = 0;
        for (a, b, t) in parts {
            out.push_str(&self.text[at..a]);
            out.push_str(&t);
            at = b;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The new text of a list (brackets included), or `None` when it is unchanged (or absent
    /// and still empty).
    fn list_text<T: Serialize>(&self, list: List, pieces: &[Piece<'_, T>]) -> Option<String> {
        let span = self.span(list);
        let unchanged = match span {
            Some(s) => {
                pieces.len() == s.items.len()
                    && pieces
                        .iter()
                        .enumerate()
                        .all(|(i, p)| matches!(p, Piece::Original(j) if *j == i))
            }
            None => pieces.is_empty(),
        };
        if unchanged {
            return None;
        }
        if pieces.is_empty() {
            return Some("[]".into());
        }
        let (lead, sep, tail) = self.whitespace(span);
        let indent = lead.rsplit('\n').next().unwrap_or("").to_string();
        let mut out = String::from("[");
        out.push_str(&lead);
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            match p {
                Piece::Original(j) => out.push_str(self.item(list, *j).unwrap_or("null")),
                Piece::New(value) => {
                    out.push_str(&entry_text(*value, &indent, lead.contains('\n')))
                }
            }
        }
        out.push_str(&tail);
        out.push(']');
        Some(out)
    }

    /// The whitespace of a list: after `[`, between entries (with the comma) and before `]`.
    /// Taken from the list itself; an empty or missing list gets the bundled files' style.
    fn whitespace(&self, span: Option<&Span>) -> (String, String, String) {
        let (lead, tail) = match span {
            Some(s) if !s.items.is_empty() => (
                self.text[s.open + 1..s.items[0].0].to_string(),
                self.text[s.items[s.items.len() - 1].1..s.close].to_string(),
            ),
            Some(s) => {
                let indent = self.line_indent(s.open);
                (format!("\n{indent}  "), format!("\n{indent}"))
            }
            None => ("\n    ".into(), "\n  ".into()),
        };
        let sep = match span {
            Some(s) if s.items.len() > 1 => self.text[s.items[0].1..s.items[1].0].to_string(),
            _ => format!(",{lead}"),
        };
        (lead, sep, tail)
    }

    /// The spaces at the start of the line holding `at`.
    fn line_indent(&self, at: usize) -> String {
        let start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        self.text[start..at]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect()
    }
}

/// An entry written as the bundled files are: pretty-printed with two spaces, every line after
/// the first indented by `indent` (or on one line, in a file written on one line).
pub fn entry_text<T: Serialize + ?Sized>(value: &T, indent: &str, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    let text = text.unwrap_or_else(|_| "null".into());
    if indent.is_empty() {
        text
    } else {
        text.replace('\n', &format!("\n{indent}"))
    }
}
