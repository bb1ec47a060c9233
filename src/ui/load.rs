//! Fetching the dataset over HTTP with gloo-net and feeding the shared loader.

use gloo_net::http::Request;

use crate::model::{parse_manifest, DatasetBuilder, Loaded, Problem};

/// Loads `<base>manifest.json` and every file it lists. Each failure names its file; a failed
/// data file costs only that file.
pub async fn load(base: &str) -> Result<Loaded, Vec<Problem>> {
    let manifest_name = "manifest.json";
    let text = fetch_text(&format!("{base}{manifest_name}"))
        .await
        .map_err(|e| {
            vec![Problem::new(
                manifest_name,
                "$",
                format!("could not be loaded: {e}"),
            )]
        })?;
    let manifest = parse_manifest(manifest_name, &text)?;
    let files = manifest.files.clone();
    let mut builder = DatasetBuilder::new(manifest);
    for (i, file) in files.iter().enumerate() {
        match fetch_text(&format!("{base}{file}")).await {
            Ok(text) => builder.add_file(i, &text),
            Err(e) => builder.file_failed(i, &e),
        }
    }
    Ok(builder.finish())
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("network error ({e})"))?;
    if !response.ok() {
        return Err(format!(
            "HTTP {} {} for {url}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("could not read the response ({e})"))
}
