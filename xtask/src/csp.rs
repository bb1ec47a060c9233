//! The Content-Security-Policy of the release build, as a `<meta>` in `dist/index.html`.
//!
//! Trunk starts the app with an inline module script, which a strict policy would block; rather
//! than allow every inline script, the policy allows exactly that one by its SHA-256 hash. It is
//! added after the build, because the script (and so its hash) changes with every build.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy: everything from the page's own origin only; scripts also by hash; WebAssembly
/// compilation allowed; no plugins, no forms, no base-URL changes.
pub fn policy(script_hashes: &[String]) -> String {
    let scripts: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; img-src 'self' data: blob:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// The policy of the single file `alliance-map.html`: nothing may be loaded at all (it runs
/// from `file://`, where `'self'` means nothing useful); only its own script and stylesheet run,
/// by hash. `blob:` and `data:` images are the PNG export drawing the map's SVG.
pub fn single_file_policy(script: &str, style: &str) -> String {
    format!(
        "default-src 'none'; script-src 'wasm-unsafe-eval' '{}'; style-src '{}'; img-src data: blob:; \
         object-src 'none'; base-uri 'none'; form-action 'none'",
        sha256(script),
        sha256(style)
    )
}

/// `sha256-<base64>` of a script or stylesheet body, as CSP spells it.
pub fn sha256(body: &str) -> String {
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
    )
}

/// `sha256-…` of every inline `<script>` in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after = &rest[open..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        let body = &after[body_start..body_start + close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            out.push(sha256(body));
        }
        rest = &after[body_start + close..];
    }
    out
}

/// Inserts the policy as the first element after `<meta charset>` (a `<meta>` policy governs
/// only what comes after it).
pub fn apply(html: &str) -> Result<String, String> {
    if html.contains("Content-Security-Policy") {
        return Ok(html.to_string());
    }
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        policy(&inline_script_hashes(html))
    );
    let anchor = "<meta charset=\"utf-8\">";
    let at = html
        .find(anchor)
        .ok_or("index.html has no <meta charset=\"utf-8\">")?
        + anchor.len();
    Ok(format!("{}\n  {meta}{}", &html[..at], &html[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<head><meta charset=\"utf-8\"><script type=\"module\">import x from './a.js';</script><script src=\"b.js\"></script></head>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        // sha256 of "import x from './a.js';", base64.
        let want = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import x from './a.js';"));
        assert_eq!(hashes[0], format!("sha256-{want}"));
        let out = apply(html).unwrap();
        assert!(out.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{want}'"
        )));
        assert!(out.find("Content-Security-Policy").unwrap() < out.find("<script").unwrap());
        assert_eq!(apply(&out).unwrap(), out, "applying twice changes nothing");
    }
}
