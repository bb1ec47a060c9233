//! `cargo xtask validate [--sources] [DIR]` and `cargo xtask schema`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_map::model::{data_file_schema, load_with, manifest_schema};

/// Root of the repository (the parent of xtask/).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `cargo xtask validate` with its arguments: `--sources` adds the sources report; the first
/// other argument is the dataset folder (default `data`).
pub fn run_args(args: &[String]) -> ExitCode {
    let sources = args.iter().any(|a| a == "--sources");
    let dir = args
        .iter()
        .find(|a| a.as_str() != "--sources")
        .map(String::as_str)
        .unwrap_or("data");
    let code = run(dir);
    if sources {
        if let Some(report) = sources_report(Path::new(dir)) {
            print!("{report}");
        }
    }
    code
}

pub fn run(dir: &str) -> ExitCode {
    let dir = Path::new(dir);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string());
    let loaded = match load_with("manifest.json", read) {
        Ok(l) => l,
        Err(problems) => {
            for p in &problems {
                eprintln!("{}: {p}", dir.display());
            }
            eprintln!(
                "invalid: {} problem(s); the manifest must be fixed first",
                problems.len()
            );
            return ExitCode::FAILURE;
        }
    };
    for p in &loaded.problems {
        eprintln!("{}/{p}", dir.display());
    }
    let d = &loaded.dataset;
    let mut per_country: Vec<(String, usize)> = Vec::new();
    for n in &d.nodes {
        match per_country.iter_mut().find(|(c, _)| *c == n.country) {
            Some((_, k)) => *k += 1,
            None => per_country.push((n.country.clone(), 1)),
        }
    }
    let counts: Vec<String> = per_country
        .iter()
        .map(|(c, k)| format!("{c} {k}"))
        .collect();
    println!(
        "{}: {} nodes ({}), {} edges, as of {}",
        dir.display(),
        d.nodes.len(),
        counts.join(", "),
        d.edges.len(),
        d.manifest.as_of
    );
    if loaded.problems.is_empty() {
        println!("valid");
        ExitCode::SUCCESS
    } else {
        eprintln!("invalid: {} problem(s)", loaded.problems.len());
        ExitCode::FAILURE
    }
}

/// The host of an http(s) URL, lowercased, without `www.`, a port or a trailing dot; `None` for
/// anything else.
pub fn source_domain(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("").trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Every source of nodes and relations counted by domain, most used first (ties by name), one
/// `count domain` line each, after a line with the totals: where a maintainer looks for weak
/// sources (blogs, mirrors, aggregators) to replace with official ones.
pub fn domain_counts<'a>(urls: impl IntoIterator<Item = &'a str>) -> (usize, Vec<(String, usize)>) {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let mut total = 0;
    for url in urls {
        total += 1;
        let domain = source_domain(url).unwrap_or_else(|| "(not an http(s) URL)".into());
        *counts.entry(domain).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    (total, list)
}

fn sources_report(dir: &Path) -> Option<String> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string());
    let loaded = load_with("manifest.json", read).ok()?;
    let d = &loaded.dataset;
    let urls = d
        .nodes
        .iter()
        .flat_map(|n| &n.sources)
        .chain(d.edges.iter().flat_map(|e| &e.sources))
        .map(|s| s.url.as_str());
    let (total, list) = domain_counts(urls);
    let mut out = format!(
        "\nsources: {total} citations from {} domains (count, domain; most used first)\n",
        list.len()
    );
    for (domain, k) in &list {
        out.push_str(&format!("{k:>5}  {domain}\n"));
    }
    Some(out)
}

pub fn write_schemas() -> Result<(), String> {
    let data = repo_root().join("data");
    for (name, text) in [
        ("schema.json", data_file_schema()),
        ("manifest.schema.json", manifest_schema()),
    ] {
        std::fs::write(data.join(name), text).map_err(|e| format!("writing data/{name}: {e}"))?;
        println!("wrote data/{name}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_hosts_without_www_port_or_trailing_dot() {
        assert_eq!(
            source_domain("https://www.cisa.gov/jcdc").as_deref(),
            Some("cisa.gov")
        );
        assert_eq!(
            source_domain("http://Nsarchive.gwu.edu./x").as_deref(),
            Some("nsarchive.gwu.edu")
        );
        assert_eq!(
            source_domain("https://u@laws.e-gov.go.jp:443?q").as_deref(),
            Some("laws.e-gov.go.jp")
        );
        assert_eq!(source_domain("ftp://example.org"), None);
    }

    #[test]
    fn counts_are_sorted_most_used_first_then_by_name() {
        let (total, list) = domain_counts([
            "https://b.gov/1",
            "https://www.b.gov/2",
            "https://a.gov",
            "https://c.gov",
            "mailto:x",
        ]);
        assert_eq!(total, 5);
        let names: Vec<&str> = list.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(names, ["b.gov", "(not an http(s) URL)", "a.gov", "c.gov"]);
        assert_eq!(list[0].1, 2);
    }
}
