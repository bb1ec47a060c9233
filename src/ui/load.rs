//! Reading the dataset and feeding the shared loader: over HTTP with gloo-net, or from the
//! page itself when it carries the data inline (the single-file build, `alliance-map.html`,
//! which must work from `file://` where no request can be made).
//! Every request has a time limit, so a server that never answers gives a message, not an
//! endless spinner.

use std::collections::HashMap;

use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::compiled::{FirstLoad, FIRST_LOAD, WHOLE};
use crate::graph::view::MAX_DRAWN_NODES;
use crate::layout::baked::Baked;
use crate::model::{Dataset, DatasetBuilder, Loaded, Problem};

/// How long one file may take before the request is abandoned.
pub const TIMEOUT_MS: i32 = 20_000;

/// The bundled dataset, relative to the page.
pub const BUNDLED_DATA: &str = "data/";

/// The element of the single-file build that holds the dataset: a JSON object from each file
/// name (`manifest.json`, and the names the manifest lists) to that file's text, so problems
/// are still reported per file, line and column.
pub const INLINE_DATA_ID: &str = "alliance-map-data";

/// Where the files come from.
enum Source {
    Http(String),
    Inline(HashMap<String, String>),
}

impl Source {
    async fn read(&self, name: &str) -> Result<String, String> {
        match self {
            Source::Http(base) => fetch_text(&format!("{base}{name}")).await,
            Source::Inline(files) => files
                .get(name)
                .cloned()
                .ok_or_else(|| "it is not in the data inside this page".to_string()),
        }
    }
}

/// What was read: a dataset whole, or the bundled dataset's first load (`crate::compiled`).
pub enum Arrived {
    Whole(Loaded),
    First(FirstLoad),
}

/// Loads a dataset: from `data` (a same-origin folder, already checked by the view) when
/// given, else from the page when it carries the data, else the bundled one.
///
/// The bundled dataset comes as the build compiled it: its first load, or when the view needs
/// the long texts at once (`whole`: a flow is played) the whole file. A build without them
/// (`trunk serve` while developing) is read from the maintainers' files like any other.
pub async fn load(data: Option<&str>, whole: bool) -> Result<Arrived, Vec<Problem>> {
    let source = match data {
        Some(base) => Source::Http(base.to_string()),
        None => match inline_files()? {
            Some(files) => Source::Inline(files),
            None => Source::Http(BUNDLED_DATA.to_string()),
        },
    };
    if data.is_none() {
        let name = if whole { WHOLE } else { FIRST_LOAD };
        if let Ok(text) = source.read(name).await {
            let arrived = if whole {
                serde_json::from_str(&text).map(|dataset| {
                    Arrived::Whole(Loaded {
                        dataset,
                        problems: Vec::new(),
                    })
                })
            } else {
                serde_json::from_str(&text).map(Arrived::First)
            };
            if let Ok(arrived) = arrived {
                return Ok(arrived);
            }
        }
    }
    files(source).await.map(Arrived::Whole)
}

/// A first view the build laid out (`file` from the first load's index, relative to the data
/// folder). The single file carries none and lists none (`xtask/src/single.rs`).
pub async fn baked_layout(file: &str) -> Result<Baked, String> {
    let text = bundled().read(file).await?;
    serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))
}

/// The whole bundled dataset, read after the first paint to complete a first load.
pub async fn load_whole() -> Result<Dataset, String> {
    let source = bundled();
    if let Ok(text) = source.read(WHOLE).await {
        return in_slices(&text).await.map_err(|e| format!("{WHOLE}: {e}"));
    }
    // The single file carries the maintainers' files instead: the validated dataset is the
    // same, in the same order.
    files(source)
        .await
        .map(|loaded| loaded.dataset)
        .map_err(|problems| format!("{} problem(s) reading the dataset", problems.len()))
}

/// Bodies, relations or flows read per task while the whole dataset arrives.
const SLICE: usize = 40;

/// Reads the whole dataset a slice at a time, letting the browser paint and answer between
/// slices: at once it is one task of about 35 ms, and four times that on a slow phone.
async fn in_slices(text: &str) -> Result<Dataset, serde_json::Error> {
    use serde_json::value::RawValue;

    #[derive(serde::Deserialize)]
    struct Parts<'a> {
        manifest: crate::model::Manifest,
        #[serde(borrow)]
        nodes: Vec<&'a RawValue>,
        #[serde(borrow)]
        edges: Vec<&'a RawValue>,
        #[serde(borrow)]
        flows: Vec<&'a RawValue>,
    }

    async fn each<T: serde::de::DeserializeOwned>(
        raw: &[&RawValue],
    ) -> Result<Vec<T>, serde_json::Error> {
        let mut out = Vec::with_capacity(raw.len());
        for slice in raw.chunks(SLICE) {
            for r in slice {
                out.push(serde_json::from_str(r.get())?);
            }
            super::timing::yield_to_browser().await;
        }
        Ok(out)
    }

    let parts: Parts = serde_json::from_str(text)?;
    Ok(Dataset {
        manifest: parts.manifest,
        nodes: each(&parts.nodes).await?,
        edges: each(&parts.edges).await?,
        flows: each(&parts.flows).await?,
    })
}

/// Reads the manifest and every file it lists, and validates them. Each failure names its
/// file; a failed data file costs only that file.
async fn files(source: Source) -> Result<Loaded, Vec<Problem>> {
    let name = "manifest.json";
    let mut builder = DatasetBuilder::from_manifest(name, source.read(name).await)?;
    builder.limit_bodies(MAX_DRAWN_NODES);
    for (i, file) in builder.manifest().files.clone().iter().enumerate() {
        builder.add_result(i, source.read(file).await);
        if let Some(listed) = builder.over_limit() {
            return Err(vec![Problem::new(
                file.as_str(),
                "$.nodes",
                format!(
                    "this dataset has {listed} bodies; the map draws at most {MAX_DRAWN_NODES} and stays responsive only up to that. Split it into several datasets."
                ),
            )]);
        }
    }
    Ok(builder.finish())
}

/// Where the bundled dataset's files are: in the page (the single file), else on the site.
fn bundled() -> Source {
    match inline_files() {
        Ok(Some(files)) => Source::Inline(files),
        _ => Source::Http(BUNDLED_DATA.to_string()),
    }
}

/// The files carried by the page, if it carries any.
fn inline_files() -> Result<Option<HashMap<String, String>>, Vec<Problem>> {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(INLINE_DATA_ID))
    else {
        return Ok(None);
    };
    let text = element.text_content().unwrap_or_default();
    serde_json::from_str(&text).map(Some).map_err(|e| {
        vec![Problem::new(
            format!("#{INLINE_DATA_ID}"),
            "$",
            format!("the data inside this page is not readable: {e}"),
        )]
    })
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let controller = web_sys::AbortController::new()
        .map_err(|_| "the browser cannot make requests".to_string())?;
    let abort = {
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || controller.abort())
    };
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .ok()
    });
    let result = async {
        let response = Request::get(url)
            .abort_signal(Some(&controller.signal()))
            .send()
            .await
            .map_err(|e| {
                if controller.signal().aborted() {
                    format!("no answer within {} s", TIMEOUT_MS / 1000)
                } else {
                    format!("network error ({e})")
                }
            })?;
        if !response.ok() {
            return Err(format!(
                "HTTP {} {}",
                response.status(),
                response.status_text()
            ));
        }
        response
            .text()
            .await
            .map_err(|e| format!("the response was cut off or unreadable ({e})"))
    }
    .await;
    if let (Some(w), Some(t)) = (web_sys::window(), timer) {
        w.clear_timeout_with_handle(t);
    }
    drop(abort);
    result
}
