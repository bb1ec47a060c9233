//! The start-up's named moments, as `performance.mark`s (for `cargo xtask bench size` and the
//! browser's profiler), and a way to let the browser paint and handle input between the long
//! steps of the start-up instead of running them as one long task.

use wasm_bindgen::JsCast;

pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Resolves in a later task (a zero-delay timeout), after the browser has had its turn.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(resolve.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
