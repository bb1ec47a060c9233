//! The corpus of broken datasets in `tests/corpus/`: every case is a dataset directory that is
//! loaded exactly as `cargo xtask validate DIR` loads one, and must report the problems its
//! `expected.txt` lists — same file, same JSON path, message containing the given fragment —
//! and nothing else, without panicking. The format is described in `tests/corpus/README.md`.

use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use alliance_map::model::{load_with, Problem};

// The real `cargo xtask validate` code, compiled into this test so that the command itself is
// exercised (xtask is a binary crate and cannot be a dependency of the package it checks).
#[allow(dead_code)]
#[path = "../xtask/src/validate.rs"]
mod xtask_validate;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Every case directory, sorted by name.
fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .expect("tests/corpus is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// One expected problem: file, exact JSON path (or `line L, column C`), message fragment.
#[derive(Clone, Debug, PartialEq)]
struct Want {
    file: String,
    place: String,
    fragment: String,
}

impl Want {
    fn matches(&self, p: &Problem) -> bool {
        p.file == self.file && p.place == self.place && p.message.contains(&self.fragment)
    }
}

/// The contents of an `expected.txt`.
#[derive(Clone, Debug, Default)]
struct Expected {
    problems: Vec<Want>,
    nodes: Option<usize>,
    edges: Option<usize>,
    flows: Option<usize>,
    /// The manifest itself is rejected: nothing is loaded.
    fatal: bool,
    /// Problems beyond the listed ones are tolerated.
    extra: bool,
}

fn parse_expected(text: &str) -> Result<Expected, String> {
    let mut e = Expected::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let count = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("line {}: {s:?} is not a count", n + 1))
        };
        match fields.as_slice() {
            ["fatal"] => e.fatal = true,
            ["extra"] => e.extra = true,
            ["nodes", k] => e.nodes = Some(count(k)?),
            ["edges", k] => e.edges = Some(count(k)?),
            ["flows", k] => e.flows = Some(count(k)?),
            [file, place, fragment] if !file.is_empty() && !place.is_empty() => {
                e.problems.push(Want {
                    file: file.to_string(),
                    place: place.to_string(),
                    fragment: fragment.to_string(),
                })
            }
            _ => {
                return Err(format!(
                    "line {}: expected `file<TAB>place<TAB>fragment`, `nodes<TAB>N`, \
                     `edges<TAB>N`, `flows<TAB>N`, `fatal` or `extra`, found {line:?}",
                    n + 1
                ))
            }
        }
    }
    if e.fatal && (e.nodes.is_some() || e.edges.is_some() || e.flows.is_some()) {
        return Err("a `fatal` case loads nothing: leave out `nodes`, `edges` and `flows`".into());
    }
    Ok(e)
}

/// What loading a directory gave: the problems, and the counts of what survived — nodes, edges
/// and flows — (None when the manifest was rejected).
struct Outcome {
    problems: Vec<Problem>,
    survived: Option<(usize, usize, usize)>,
}

/// Loads `dir` the way `cargo xtask validate` does: the files are read from disk and a file
/// that cannot be read is reported with the reason the operating system gives.
fn load_dir(dir: &Path) -> Outcome {
    let read = |name: &str| fs::read_to_string(dir.join(name)).map_err(|e| e.to_string());
    match load_with("manifest.json", read) {
        Ok(loaded) => Outcome {
            survived: Some((
                loaded.dataset.nodes.len(),
                loaded.dataset.edges.len(),
                loaded.dataset.flows.len(),
            )),
            problems: loaded.problems,
        },
        Err(problems) => Outcome {
            problems,
            survived: None,
        },
    }
}

fn tsv(p: &Problem) -> String {
    format!("{}\t{}\t{}", p.file, p.place, p.message)
}

/// Compares an outcome with the expectation; the error lists every difference and, to make a
/// new case easy to write, what was actually reported in the expected.txt format.
fn compare(expected: &Expected, outcome: &Outcome) -> Result<(), String> {
    let mut errors = Vec::new();
    let mut used = vec![false; outcome.problems.len()];
    for want in &expected.problems {
        let found = outcome
            .problems
            .iter()
            .enumerate()
            .position(|(i, p)| !used[i] && want.matches(p));
        match found {
            Some(i) => used[i] = true,
            None => errors.push(format!(
                "missing: {}\t{}\t{}",
                want.file, want.place, want.fragment
            )),
        }
    }
    if !expected.extra {
        for (p, _) in outcome.problems.iter().zip(&used).filter(|(_, u)| !**u) {
            errors.push(format!("unexpected: {}", tsv(p)));
        }
    }
    match (outcome.survived, expected.fatal) {
        (Some(_), true) => {
            errors.push("expected the manifest to be rejected, but it loaded".into())
        }
        (None, false) => errors.push("the manifest was rejected (add `fatal` if intended)".into()),
        (Some((nodes, edges, flows)), false) => {
            if let Some(want) = expected.nodes.filter(|&w| w != nodes) {
                errors.push(format!("{nodes} nodes survived, expected {want}"));
            }
            if let Some(want) = expected.edges.filter(|&w| w != edges) {
                errors.push(format!("{edges} edges survived, expected {want}"));
            }
            if let Some(want) = expected.flows.filter(|&w| w != flows) {
                errors.push(format!("{flows} flows survived, expected {want}"));
            }
        }
        (None, true) => {}
    }
    if errors.is_empty() {
        return Ok(());
    }
    let mut report = errors.join("\n  ");
    report.push_str("\n  reported (expected.txt format):");
    for p in &outcome.problems {
        let _ = write!(report, "\n    {}", tsv(p));
    }
    if let Some((nodes, edges, flows)) = outcome.survived {
        let _ = write!(report, "\n    nodes\t{nodes}\n    edges\t{edges}");
        if flows > 0 || expected.flows.is_some() {
            let _ = write!(report, "\n    flows\t{flows}");
        }
    }
    Err(report)
}

/// Loads one case and checks it; a panic anywhere in loading is a failure of the case.
fn check_case(dir: &Path) -> Result<(), String> {
    let text =
        fs::read_to_string(dir.join("expected.txt")).map_err(|e| format!("expected.txt: {e}"))?;
    let expected = parse_expected(&text).map_err(|e| format!("expected.txt: {e}"))?;
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| load_dir(dir)))
        .map_err(|_| "the loader panicked".to_string())?;
    compare(&expected, &outcome)
}

#[test]
fn every_case_reports_exactly_its_expected_problems() {
    let cases = cases();
    assert!(
        cases.len() >= 30,
        "only {} corpus cases found in {}",
        cases.len(),
        corpus_dir().display()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            check_case(dir).err().map(|e| format!("{name}:\n  {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Every rule of the loader and the validator has at least one case. The fragments are parts
/// of the messages in src/model/load.rs and src/model/validate.rs.
#[test]
fn the_corpus_covers_every_kind_of_problem() {
    const KINDS: &[&str] = &[
        // Reading files.
        "could not be loaded",
        "malformed JSON",
        "ends too early",
        "recursion limit exceeded",
        "a data file must be an object",
        "a data file has only `nodes`, `edges` and `flows`",
        "must be a list",
        // Types (serde).
        "wrong type",
        "missing field",
        "unknown field",
        "unknown value",
        "is not a date",
        "is not a day of the calendar",
        // The manifest.
        "is not supported",
        "\"intl\" is built in",
        "duplicate country id",
        "is not a colour",
        "lists no data files",
        "must be a plain path",
        // The dataset.
        "is not a valid id",
        "unknown country",
        "empty name",
        "empty Japanese text",
        "is before since",
        "is not an http(s) URL",
        "at least one source is required",
        "a source needs a title",
        "write the full day",
        "duplicate id",
        "cannot succeed itself",
        "successor \"",
        "is not a node of the dataset",
        "itself",
        "part_of cycle",
        "the dataset has no nodes",
        // Flows.
        "body \"",
        "did not exist on the flow's date",
        "not a law or strategy",
        "basis \"",
        "a flow needs at least one step",
        "duplicate flow id",
    ];
    let mut all = String::new();
    for dir in cases() {
        all.push_str(&fs::read_to_string(dir.join("expected.txt")).unwrap_or_default());
    }
    let missing: Vec<&&str> = KINDS.iter().filter(|k| !all.contains(**k)).collect();
    assert!(missing.is_empty(), "no corpus case expects {missing:?}");
}

/// The checker itself: a lost message, an unlisted problem or a wrong count must fail a case.
#[test]
fn the_check_fails_when_a_message_disappears_or_appears() {
    let dir = corpus_dir().join("duplicate-ids");
    let text = fs::read_to_string(dir.join("expected.txt")).unwrap();
    let expected = parse_expected(&text).unwrap();
    let outcome = load_dir(&dir);
    compare(&expected, &outcome).expect("the case passes as written");

    let mut more = expected.clone();
    more.problems.push(Want {
        file: "a.json".into(),
        place: "$.nodes[0].id".into(),
        fragment: "a message nobody writes".into(),
    });
    assert!(compare(&more, &outcome).unwrap_err().contains("missing: "));

    let mut wrong_place = expected.clone();
    wrong_place.problems[0].place.push_str(".name");
    assert!(compare(&wrong_place, &outcome).is_err());

    let mut fewer = expected.clone();
    fewer.problems.pop();
    assert!(compare(&fewer, &outcome)
        .unwrap_err()
        .contains("unexpected: "));
    fewer.extra = true;
    compare(&fewer, &outcome).expect("`extra` tolerates the unlisted problem");

    let mut count = expected.clone();
    count.nodes = count.nodes.map(|n| n + 1);
    assert!(compare(&count, &outcome).unwrap_err().contains("survived"));
}

#[test]
fn expected_txt_syntax_errors_are_reported() {
    assert!(parse_expected("a.json\t$.nodes[0]").is_err());
    assert!(parse_expected("nodes\tmany").is_err());
    assert!(parse_expected("fatal\nnodes\t1").is_err());
    assert!(parse_expected("fatal\nflows\t1").is_err());
    let e = parse_expected("# comment\n\na.json\t$\tgone\nnodes\t3\nflows\t2\nextra\n").unwrap();
    assert_eq!(e.problems.len(), 1);
    assert_eq!(
        (e.nodes, e.edges, e.flows, e.fatal, e.extra),
        (Some(3), None, Some(2), false, true)
    );
}

const CHILD_DIR: &str = "ALLIANCE_MAP_CORPUS_VALIDATE_DIR";

/// Not a test of its own: run by `validate_command_*` in a child process, where it is
/// `cargo xtask validate DIR` — same code, same output, exit status 0 or 1.
#[test]
#[ignore = "helper run in a child process by the validate_command tests"]
fn xtask_validate_child() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let code = xtask_validate::run(&dir);
    std::process::exit(if code == ExitCode::SUCCESS { 0 } else { 1 });
}

/// Runs the validate command on a corpus case; returns (success, stdout + stderr).
fn validate_command(case: &str) -> (bool, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "xtask_validate_child",
            "--ignored",
            "--nocapture",
        ])
        .args(["--test-threads", "1"])
        .env(CHILD_DIR, corpus_dir().join(case))
        .output()
        .expect("the test binary runs itself");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn validate_command_fails_naming_file_and_path() {
    let (ok, text) = validate_command("wrong-types");
    assert!(!ok, "validate succeeded on a broken dataset:\n{text}");
    for line in [
        "wrong-types/a.json: $.nodes[1].roles: wrong type",
        "wrong-types/a.json: $.edges[0].source: wrong type",
        "invalid: ",
    ] {
        assert!(text.contains(line), "{line:?} not in the output:\n{text}");
    }
}

#[test]
fn validate_command_fails_on_a_rejected_manifest() {
    let (ok, text) = validate_command("wrong-schema-version");
    assert!(!ok, "{text}");
    assert!(
        text.contains("manifest.json: $.schema_version: schema_version 2 is not supported"),
        "{text}"
    );
    assert!(text.contains("the manifest must be fixed first"), "{text}");
}

#[test]
fn validate_command_passes_the_valid_control_case() {
    let (ok, text) = validate_command("control-valid");
    assert!(ok, "{text}");
    assert!(text.contains("4 nodes") && text.contains("valid"), "{text}");
}
