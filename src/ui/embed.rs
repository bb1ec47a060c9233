//! Living in someone else's page: when the map is framed, it tells the host page the height it
//! would like, so the host can size the `<iframe>` to its content.
//!
//! The message, posted to the parent window:
//! `{ "type": "alliance-map:height", "height": <CSS pixels> }`. It carries nothing else, so any
//! host origin may receive it.

/// Posts the page's preferred height to the parent window, if the page is framed.
pub fn report_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"alliance-map:height".into());
    let _ = js_sys::Reflect::set(
        &message,
        &"height".into(),
        &f64::from(root.scroll_height()).into(),
    );
    let _ = parent.post_message(&message, "*");
}
