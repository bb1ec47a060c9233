//! Saving the changed files straight into a folder, where the browser offers it (the File
//! System Access API: Chromium's `showDirectoryPicker`). The maintainer confirms first, then
//! picks the folder (the data folder the files came from); each changed file replaces the
//! file of the same name there. web-sys has these bindings only behind an unstable flag, so
//! the few calls go through `js_sys::Reflect`.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// True when the browser can write into a folder the maintainer picks.
pub fn offered() -> bool {
    web_sys::window()
        .is_some_and(|w| Reflect::has(&w, &"showDirectoryPicker".into()).unwrap_or(false))
}

/// Calls `target.name(args...)` and waits for the promise it returns.
async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &name.into())?.dyn_into()?;
    let array: js_sys::Array = args.iter().collect();
    let promise: Promise = f.apply(target, &array)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// Asks for a folder and writes `files` (name, text) into it. Returns how many were written;
/// an error when the picker was dismissed or a file could not be written.
pub async fn save(files: Vec<(String, String)>) -> Result<usize, String> {
    let window: JsValue = web_sys::window().ok_or("no window")?.into();
    let options = Object::new();
    Reflect::set(&options, &"mode".into(), &"readwrite".into()).map_err(text)?;
    let folder = call(&window, "showDirectoryPicker", &[options.into()])
        .await
        .map_err(text)?;
    let create = Object::new();
    Reflect::set(&create, &"create".into(), &true.into()).map_err(text)?;
    for (name, body) in &files {
        let handle = call(
            &folder,
            "getFileHandle",
            &[name.into(), create.clone().into()],
        )
        .await
        .map_err(text)?;
        let writable = call(&handle, "createWritable", &[]).await.map_err(text)?;
        call(&writable, "write", &[body.into()])
            .await
            .map_err(text)?;
        call(&writable, "close", &[]).await.map_err(text)?;
    }
    Ok(files.len())
}

fn text(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "the folder could not be written".into())
}
