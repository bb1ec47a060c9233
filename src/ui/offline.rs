//! Offline for a visited site: registers the service worker (`sw.js`) that `cargo xtask dist`
//! writes beside the page, which keeps the app's own files for when the network is gone.
//!
//! Only where it means something and cannot get in the way: a release build (the development
//! server has no worker), served over http(s) in a secure context (browsers offer no worker
//! elsewhere, and calling one that is missing would throw), not the single file (it needs no
//! network at all) and not an embed (readers of someone else's article did not choose to keep
//! the map). A registration that fails changes nothing: the page works as before.

use wasm_bindgen::JsValue;

use super::load::INLINE_DATA_ID;

pub fn keep_for_offline(embedded: bool) {
    if cfg!(debug_assertions) || embedded {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    let single_file = window
        .document()
        .and_then(|d| d.get_element_by_id(INLINE_DATA_ID))
        .is_some();
    let navigator = window.navigator();
    let offered =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !(protocol == "https:" || protocol == "http:")
        || !window.is_secure_context()
        || single_file
        || !offered
    {
        return;
    }
    let registered = navigator.service_worker().register("sw.js");
    leptos::task::spawn_local(async move {
        // Nothing to tell the reader either way; the map is already on screen.
        let _ = wasm_bindgen_futures::JsFuture::from(registered).await;
    });
}
