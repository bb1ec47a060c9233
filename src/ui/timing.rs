//! The start-up's named moments, as `performance.mark`s (for `cargo xtask bench size` and the
//! browser's profiler), and a way to let the browser paint and handle input between the long
//! steps of the start-up instead of running them as one long task.

use leptos::prelude::{set_timeout, GetUntracked, RwSignal, Update};
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

/// Raises `step` by one per task (a zero-delay timeout each) until it reaches `last`: what is
/// built in steps (the side panel's sections) follows the signal, one step per task, with the
/// browser's turn in between.
pub fn step_in_tasks(step: RwSignal<usize>, last: usize) {
    if step.get_untracked() >= last {
        return;
    }
    set_timeout(
        move || {
            step.update(|s| *s += 1);
            step_in_tasks(step, last);
        },
        std::time::Duration::ZERO,
    );
}
