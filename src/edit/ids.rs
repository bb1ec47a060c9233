//! Ids for new bodies: proposed from the country and the short name (or the name), in the
//! form the data rules ask for (`<country>-<lowercase a-z 0-9 ->`), and never one in use.

use std::collections::HashSet;

use crate::model::validate::is_id;

/// The id proposed for a body of `country` called `label`: `us-cisa` for "CISA", a number
/// added (`-2`, `-3`...) when the id is taken.
pub fn propose(country: &str, label: &str, taken: &HashSet<&str>) -> String {
    let mut slug = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "body" } else { slug };
    // Keep ids short: the first few words are enough to tell bodies apart.
    let slug: String = slug
        .split('-')
        .scan(0, |len, part| {
            *len += part.len() + 1;
            (*len <= 40).then_some(part)
        })
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() { "body".into() } else { slug };
    let prefix = format!("{country}-");
    let base = if slug.starts_with(&prefix) {
        slug
    } else {
        format!("{prefix}{slug}")
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(id.as_str()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Why `id` cannot be the id of a new body of `country`, if it cannot.
pub fn check(id: &str, country: &str, taken: &HashSet<&str>) -> Option<String> {
    if !is_id(id) {
        Some(format!(
            "\"{id}\" is not a valid id: use lowercase letters, digits and -"
        ))
    } else if !id.starts_with(&format!("{country}-")) {
        Some(format!("an id starts with its country: {country}-…"))
    } else if taken.contains(id) {
        Some(format!("the id \"{id}\" is already used by another body"))
    } else {
        None
    }
}
