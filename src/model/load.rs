//! Reading the dataset: text in, typed records and located problems out.
//!
//! Loading never stops at the first error. A file that is not JSON is reported with its line
//! and column and skipped; inside a file every node, edge and flow is read on its own, so one
//! bad entry costs only that entry and the map keeps what it can show. The same code runs in
//! the browser and in `cargo xtask validate`, so both say the same thing.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::problem::Problem;
use super::types::{Edge, Flow, Manifest, Node};
use super::validate;
use super::Dataset;

/// Where a record came from: its file (index into the manifest's `files`) and its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: usize,
    pub index: usize,
}

/// A dataset after loading: what could be read, and everything that was wrong.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
}

/// Parses the manifest. Without a readable manifest nothing else can be found, so any problem
/// here is fatal.
pub fn parse_manifest(file: &str, text: &str) -> Result<Manifest, Vec<Problem>> {
    let value = parse_json(file, text).map_err(|p| vec![p])?;
    let manifest: Manifest = typed(file, "$", value).map_err(|p| vec![p])?;
    let problems = validate::manifest(file, &manifest);
    if problems.is_empty() {
        Ok(manifest)
    } else {
        Err(problems)
    }
}

/// Collects the data files one by one, then checks them together.
pub struct DatasetBuilder {
    manifest: Manifest,
    nodes: Vec<(Origin, Node)>,
    edges: Vec<(Origin, Edge)>,
    flows: Vec<(Origin, Flow)>,
    problems: Vec<Problem>,
    /// See [`DatasetBuilder::limit_bodies`].
    limit: Option<usize>,
    /// Bodies listed in the files added so far, valid or not.
    listed: usize,
}

impl DatasetBuilder {
    pub fn new(manifest: Manifest) -> Self {
        Self {
            manifest,
            nodes: Vec::new(),
            edges: Vec::new(),
            flows: Vec::new(),
            problems: Vec::new(),
            limit: None,
            listed: 0,
        }
    }

    /// Stops reading records once the files list more than `max` bodies. A dataset too large
    /// to show is then refused as soon as its text is parsed, without the cost of reading and
    /// checking every record (seconds, for tens of thousands).
    pub fn limit_bodies(&mut self, max: usize) {
        self.limit = Some(max);
    }

    /// How many bodies the files list, when that is over the limit.
    pub fn over_limit(&self) -> Option<usize> {
        self.limit
            .filter(|&max| self.listed > max)
            .map(|_| self.listed)
    }

    /// Starts from the manifest's text as read (or the reason it could not be read).
    pub fn from_manifest(name: &str, text: Result<String, String>) -> Result<Self, Vec<Problem>> {
        let text =
            text.map_err(|e| vec![Problem::new(name, "$", format!("could not be loaded: {e}"))])?;
        Ok(Self::new(parse_manifest(name, &text)?))
    }

    /// Adds the manifest's file number `file` as read, or records why it could not be read.
    pub fn add_result(&mut self, file: usize, text: Result<String, String>) {
        match text {
            Ok(text) => self.add_file(file, &text),
            Err(e) => self.file_failed(file, &e),
        }
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Adds the text of the manifest's file number `file`.
    pub fn add_file(&mut self, file: usize, text: &str) {
        let name = self.file_name(file);
        let value = match parse_json(&name, text) {
            Ok(v) => v,
            Err(p) => return self.problems.push(p),
        };
        let Value::Object(mut top) = value else {
            return self.problems.push(Problem::new(
                name,
                "$",
                format!("a data file must be an object {{ \"nodes\": [...], \"edges\": [...] }}, found {}", kind_of(&value)),
            ));
        };
        self.listed += top
            .get("nodes")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if self.over_limit().is_some() {
            return;
        }
        for key in top.keys() {
            if !matches!(key.as_str(), "$schema" | "nodes" | "edges" | "flows") {
                self.problems.push(Problem::new(
                    &name,
                    format!("$.{key}"),
                    format!(
                        "unknown field `{key}`: a data file has only `nodes`, `edges` and `flows`"
                    ),
                ));
            }
        }
        let nodes = self.records::<Node>(&name, file, top.remove("nodes"), "nodes");
        self.nodes.extend(nodes);
        let edges = self.records::<Edge>(&name, file, top.remove("edges"), "edges");
        self.edges.extend(edges);
        let flows = self.records::<Flow>(&name, file, top.remove("flows"), "flows");
        self.flows.extend(flows);
    }

    /// Records that a listed file could not be had at all (missing, HTTP error, timeout).
    pub fn file_failed(&mut self, file: usize, reason: &str) {
        let name = self.file_name(file);
        self.problems.push(Problem::new(
            name,
            "$",
            format!("could not be loaded: {reason}"),
        ));
    }

    /// Checks the whole dataset and returns what can be shown.
    pub fn finish(self) -> Loaded {
        let mut problems = self.problems;
        let mut dataset = validate::dataset(self.manifest, self.nodes, self.edges, &mut problems);
        dataset.flows = validate::flows(&dataset, self.flows, &mut problems);
        Loaded { dataset, problems }
    }

    fn file_name(&self, file: usize) -> String {
        self.manifest
            .files
            .get(file)
            .cloned()
            .unwrap_or_else(|| format!("file #{file}"))
    }

    fn records<T: DeserializeOwned>(
        &mut self,
        name: &str,
        file: usize,
        value: Option<Value>,
        key: &str,
    ) -> Vec<(Origin, T)> {
        let items = match value {
            None => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.problems.push(Problem::new(
                    name,
                    format!("$.{key}"),
                    format!("`{key}` must be a list, found {}", kind_of(&other)),
                ));
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            match typed::<T>(name, &format!("$.{key}[{index}]"), item) {
                Ok(record) => out.push((Origin { file, index }, record)),
                Err(p) => self.problems.push(p),
            }
        }
        out
    }
}

/// Loads a whole dataset from a function that returns each file's text by its path relative to
/// the manifest. Used natively (files on disk); the browser loads asynchronously through the
/// same [`DatasetBuilder`].
pub fn load_with(
    manifest_name: &str,
    mut read: impl FnMut(&str) -> Result<String, String>,
) -> Result<Loaded, Vec<Problem>> {
    let mut builder = DatasetBuilder::from_manifest(manifest_name, read(manifest_name))?;
    for (i, file) in builder.manifest().files.clone().iter().enumerate() {
        builder.add_result(i, read(file));
    }
    Ok(builder.finish())
}

fn parse_json(file: &str, text: &str) -> Result<Value, Problem> {
    // A UTF-8 byte order mark is not JSON, but browsers drop it when they decode a response:
    // drop it here too, so that `cargo xtask validate` accepts what the app accepts.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Eof => "the file ends too early (cut off?)".to_string(),
            _ => format!("malformed JSON: {}", strip_position(&e.to_string())),
        };
        Problem::new(
            file,
            format!("line {}, column {}", e.line(), e.column()),
            what,
        )
    })
}

fn typed<T: DeserializeOwned>(file: &str, base: &str, value: Value) -> Result<T, Problem> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let inner = e.path().to_string();
        let place = if inner == "." || inner.is_empty() {
            base.to_string()
        } else if inner.starts_with('[') {
            format!("{base}{inner}")
        } else {
            format!("{base}.{inner}")
        };
        Problem::new(
            file,
            place,
            plain_serde_message(&e.into_inner().to_string()),
        )
    })
}

/// serde_json appends " at line L column C" to its messages; we report the place ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn plain_serde_message(message: &str) -> String {
    strip_position(message)
        .replace("invalid type: ", "wrong type: found ")
        .replace("variant", "value")
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
