//! `dist/alliance-map.html`: the whole app in one file, for machines with no network and no
//! server. It opens by double-click (`file://`), where a browser refuses `fetch` and module
//! imports, so everything the release build fetches is carried inside the page:
//!
//! - the wasm-bindgen glue, as an inline module script (its `export`s removed: nothing imports
//!   it), followed by a few lines that start the app;
//! - the wasm and the dataset, gzipped and base64-encoded in two inert `<script>` blocks, which
//!   the starter unpacks with the browser's own `DecompressionStream` (gzip keeps the file
//!   under 1 MB; a Rust inflater would cost wasm size on every page instead);
//! - the stylesheet, as an inline `<style>`.
//!
//! The dataset block is rewritten to plain JSON (`{"manifest.json": "…", "us.json": "…"}`, and
//! the build's `first-load.json`) before the app starts; the app reads it in `src/ui/load.rs` (`INLINE_DATA_ID`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use flate2::write::GzEncoder;
use flate2::Compression;

type Result<T = ()> = std::result::Result<T, String>;

/// The file name inside `dist/`.
pub const FILE_NAME: &str = "alliance-map.html";

/// Must equal `INLINE_DATA_ID` in src/ui/load.rs.
const DATA_ID: &str = "alliance-map-data";
const WASM_ID: &str = "alliance-map-wasm";

/// The end of the glue wasm-bindgen writes for `--target web`.
const GLUE_EXPORTS: &str = "export { initSync, __wbg_init as default };";

/// Starts the app once the glue is defined: unpack, hand the dataset to the page, instantiate.
const STARTER: &str = r#"
const unpack = async (id) => {
  const text = document.getElementById(id).textContent.trim();
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
};
try {
  const data = document.getElementById("DATA_ID");
  data.textContent = new TextDecoder().decode(await unpack("DATA_ID"));
  data.type = "application/json";
  await __wbg_init({ module_or_path: await unpack("WASM_ID") });
} catch (error) {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = "Alliance Map could not start in this browser: " + error;
  document.body.append(p);
}
"#;

/// Whether `name` is the reader app's file with this ending, as Trunk names it
/// (`alliance-map-<hash>.js`, `alliance-map-<hash>_bg.wasm`): not another page's, such as the
/// editor's.
pub fn reader_file(name: &str, ending: &str) -> bool {
    name.strip_prefix("alliance-map-")
        .and_then(|rest| rest.strip_suffix(ending))
        .is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Writes `dist/alliance-map.html` from the release build in `dist`; returns its path.
pub fn write(dist: &Path, index_template: &str) -> Result<PathBuf> {
    let glue = read(&only(dist, |n| reader_file(n, ".js"))?)?;
    let wasm_path = only(dist, |n| reader_file(n, "_bg.wasm"))?;
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let css = read(&only(dist, |n| {
        n.starts_with("style-") && n.ends_with(".css")
    })?)?;
    let data = dataset_json(&dist.join("data"))?;
    let icon = format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(read(&dist.join("icon.svg"))?)
    );

    let script = format!(
        "{}{}",
        module_script(&glue)?,
        STARTER
            .replace("DATA_ID", DATA_ID)
            .replace("WASM_ID", WASM_ID)
    );
    let html = page(
        index_template,
        &script,
        &css,
        &packed(&wasm)?,
        &packed(data.as_bytes())?,
        &icon,
    )?;
    let out = dist.join(FILE_NAME);
    std::fs::write(&out, html).map_err(|e| format!("writing {}: {e}", out.display()))?;
    Ok(out)
}

/// The glue as a classic-free module body: its exports removed, nothing else changed. Fails
/// when wasm-bindgen's output no longer has the expected shape, rather than writing a page
/// that stays blank.
pub fn module_script(glue: &str) -> Result<String> {
    if !glue.contains(GLUE_EXPORTS) {
        return Err(format!(
            "the wasm-bindgen glue does not end with `{GLUE_EXPORTS}`; the single-file build needs updating for this wasm-bindgen"
        ));
    }
    let mut out = String::with_capacity(glue.len());
    for line in glue.lines() {
        if line == GLUE_EXPORTS {
            continue;
        }
        let line = ["export class ", "export function ", "export const "]
            .iter()
            .find_map(|p| line.strip_prefix(p).map(|rest| (p, rest)))
            .map(|(p, rest)| format!("{}{rest}", &p["export ".len()..]))
            .unwrap_or_else(|| line.to_string());
        if line.starts_with("export ") || line.starts_with("import ") {
            return Err(format!(
                "the wasm-bindgen glue has a line the single-file build cannot inline: {line}"
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    if out.contains("</script") {
        return Err("the glue contains `</script`, which would end the inline script".into());
    }
    Ok(out)
}

/// Every file the manifest lists, and the manifest, by name.
fn dataset_json(dir: &Path) -> Result<String> {
    let manifest = read(&dir.join("manifest.json"))?;
    let value: serde_json::Value =
        serde_json::from_str(&manifest).map_err(|e| format!("data/manifest.json: {e}"))?;
    let files = value["files"]
        .as_array()
        .ok_or("data/manifest.json has no `files` list")?;
    let mut all = BTreeMap::new();
    for name in files {
        let name = name
            .as_str()
            .ok_or("data/manifest.json: a file name is not text")?;
        all.insert(name.to_string(), read(&dir.join(name))?);
    }
    all.insert("manifest.json".to_string(), manifest);
    // The first load too (written by `compile` before this file), so the single file also
    // draws its first view at once; the whole dataset is read from the files above. Without
    // the index of the baked layouts: their files are not carried, and the map lays itself
    // out (looking each up would read the data block above once more).
    let name = alliance_map::compiled::FIRST_LOAD;
    let mut first: alliance_map::compiled::FirstLoad =
        serde_json::from_str(&read(&dir.join(name))?).map_err(|e| format!("{name}: {e}"))?;
    first.layouts.clear();
    all.insert(
        name.to_string(),
        serde_json::to_string(&first).map_err(|e| format!("{name}: {e}"))?,
    );
    serde_json::to_string(&all).map_err(|e| e.to_string())
}

/// gzip, then base64: what the starter's `unpack` undoes.
fn packed(bytes: &[u8]) -> Result<String> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    let gz = gz.finish().map_err(|e| e.to_string())?;
    Ok(base64::engine::general_purpose::STANDARD.encode(gz))
}

/// The page: the `<head>` of the project's index.html without Trunk's links and the web app
/// manifest (one file is not an installable site, and its policy loads nothing), the icon
/// inline, the policy, the stylesheet, the two packed blocks and the script.
fn page(
    template: &str,
    script: &str,
    css: &str,
    wasm: &str,
    data: &str,
    icon: &str,
) -> Result<String> {
    if css.contains("</style") {
        return Err("the stylesheet contains `</style`".into());
    }
    let head_start = template.find("<head>").ok_or("index.html has no <head>")? + "<head>".len();
    let head_end = template
        .find("</head>")
        .ok_or("index.html has no </head>")?;
    let head: String = template[head_start..head_end]
        .lines()
        .filter(|l| {
            // Trunk's links, the charset (written first below), the web app manifest, and the
            // preload of the first load (carried inside the page).
            !l.contains("data-trunk")
                && !l.contains("charset")
                && !l.contains("rel=\"manifest\"")
                && !l.contains("rel=\"preload\"")
        })
        .map(|l| {
            if l.contains("rel=\"icon\"") {
                format!("  <link rel=\"icon\" href=\"{icon}\">\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let body_start = template.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
    let body_end = template
        .find("</body>")
        .ok_or("index.html has no </body>")?;
    let body = &template[body_start..body_end];
    let policy = crate::csp::single_file_policy(script, css);
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  \
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n{head}  \
         <style>{css}</style>\n</head>\n<body>{body}\
         <script type=\"application/octet-stream\" id=\"{WASM_ID}\">{wasm}</script>\n\
         <script type=\"application/octet-stream\" id=\"{DATA_ID}\">{data}</script>\n\
         <script type=\"module\">{script}</script>\n</body>\n</html>\n"
    ))
}

fn only(dir: &Path, wanted: impl Fn(&str) -> bool) -> Result<PathBuf> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&wanted))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!(
            "expected exactly one build output of that kind in {}, found {}",
            dir.display(),
            found.len()
        )),
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glue_loses_its_exports_and_nothing_else() {
        let glue = "export class A {}\nfunction f() { return 'export x'; }\nexport function g() {}\nexport { initSync, __wbg_init as default };\n";
        let out = module_script(glue).unwrap();
        assert_eq!(
            out,
            "class A {}\nfunction f() { return 'export x'; }\nfunction g() {}\n"
        );
    }

    #[test]
    fn unexpected_glue_is_refused_not_inlined() {
        assert!(
            module_script("export class A {}\n").is_err(),
            "no export list"
        );
        assert!(module_script(
            "import x from './snippets/a.js';\nexport { initSync, __wbg_init as default };"
        )
        .is_err());
    }
}
