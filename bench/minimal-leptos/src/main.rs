//! One paragraph, then the same "ready" signal the app gives once its map is drawn.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| view! { <p>"Ready."</p> });
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-map-ready", "true");
    }
    if let Ok(event) = web_sys::CustomEvent::new("alliance-map:ready") {
        let _ = window.dispatch_event(&event);
    }
}
