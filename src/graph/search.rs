//! Finding bodies by what a reader types: English or Japanese name, acronym, summary words.

use crate::model::Dataset;

/// Matches for `query`, best first: an exact acronym, then names that start with the query,
/// then names that contain it, then summaries. Case-insensitive; every word must match.
pub fn search(d: &Dataset, query: &str) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, usize)> = d
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let short: Vec<String> = n
                .short
                .iter()
                .flat_map(|s| {
                    [
                        Some(s.en.to_lowercase()),
                        s.ja.as_ref().map(|j| j.to_lowercase()),
                    ]
                })
                .flatten()
                .collect();
            let names: Vec<String> = [
                Some(n.name.en.to_lowercase()),
                n.name.ja.as_ref().map(|j| j.to_lowercase()),
            ]
            .into_iter()
            .flatten()
            .collect();
            let summary: String = n
                .summary
                .iter()
                .flat_map(|s| [Some(s.en.to_lowercase()), s.ja.clone()])
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let whole = words.join(" ");
            let score = if short.contains(&whole) {
                0
            } else if names.iter().any(|s| s.starts_with(&whole))
                || short.iter().any(|s| s.starts_with(&whole))
            {
                1
            } else if words
                .iter()
                .all(|w| names.iter().chain(&short).any(|s| s.contains(w.as_str())))
            {
                2
            } else if words.iter().all(|w| {
                names.iter().chain(&short).any(|s| s.contains(w.as_str()))
                    || summary.contains(w.as_str())
            }) {
                3
            } else {
                return None;
            };
            Some((score, i))
        })
        .collect();
    scored.sort_by_key(|&(score, i)| (score, d.nodes[i].name.en.len(), i));
    scored.into_iter().map(|(_, i)| i).collect()
}
