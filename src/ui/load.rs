//! Fetching the dataset over HTTP with gloo-net and feeding the shared loader.
//! Every request has a time limit, so a server that never answers gives a message, not an
//! endless spinner.

use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::model::{DatasetBuilder, Loaded, Problem};

/// How long one file may take before the request is abandoned.
pub const TIMEOUT_MS: i32 = 20_000;

/// Loads `<base>manifest.json` and every file it lists. Each failure names its file; a failed
/// data file costs only that file.
pub async fn load(base: &str) -> Result<Loaded, Vec<Problem>> {
    let name = "manifest.json";
    let mut builder =
        DatasetBuilder::from_manifest(name, fetch_text(&format!("{base}{name}")).await)?;
    for (i, file) in builder.manifest().files.clone().iter().enumerate() {
        builder.add_result(i, fetch_text(&format!("{base}{file}")).await);
    }
    Ok(builder.finish())
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
