//! The browser half of exporting: a standalone SVG of the drawn map, a PNG of it at twice the
//! size, and handing any file to the browser's download. The data exports (CSV, JSON) and the
//! file names come from the pure [`crate::export`].
//!
//! The SVG is a copy of the map as drawn, made to stand alone: each element gets the styles the
//! page's stylesheet gave it as attributes (resolved, so the theme in use is what is exported), the pan and
//! zoom are dropped and the picture is framed on everything shown, with a caption below.
//! Text is only ever set as text; the serializer escapes it.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The styles that decide how the map looks; copied, resolved, onto every exported element.
const STYLES: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linejoin",
    "stroke-linecap",
    "opacity",
    "paint-order",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
];

/// Margin around the drawing, and the caption's line height, in SVG units.
const MARGIN: f64 = 24.0;
const LINE: f64 = 20.0;

type Result<T> = std::result::Result<T, String>;

fn js(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}

fn document() -> Result<Document> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_string())
}

/// A standalone SVG document of the map as drawn, with `caption` lines under it (the first in
/// bold). Returns the markup and its width and height.
pub fn map_svg(title: &str, caption: &[String]) -> Result<(String, f64, f64)> {
    let doc = document()?;
    let window = web_sys::window().ok_or("no window")?;
    let original = doc
        .query_selector("svg.map-canvas")
        .map_err(js)?
        .ok_or("the graph view is not shown")?;
    let copy: Element = original
        .clone_node_with_deep(true)
        .map_err(js)?
        .dyn_into()
        .map_err(|_| "the copy is not an element")?;

    // Resolved styles, element by element (both lists are in document order).
    let from = original.query_selector_all("*").map_err(js)?;
    let to = copy.query_selector_all("*").map_err(js)?;
    let mut hidden = Vec::new();
    for i in 0..from.length() {
        let (Some(a), Some(b)) = (from.item(i), to.item(i)) else {
            continue;
        };
        let (Ok(a), Ok(b)) = (a.dyn_into::<Element>(), b.dyn_into::<Element>()) else {
            continue;
        };
        let Ok(Some(style)) = window.get_computed_style(&a) else {
            continue;
        };
        if style.get_property_value("display").ok().as_deref() == Some("none") {
            hidden.push(b);
            continue;
        }
        // As presentation attributes, not a `style` attribute: the page's policy forbids
        // inline styles, and a standalone SVG has no stylesheet to outrank them.
        for p in STYLES {
            if let Ok(v) = style.get_property_value(p) {
                if !v.is_empty() {
                    let _ = b.set_attribute(p, &v);
                }
            }
        }
        for attr in ["tabindex", "aria-describedby"] {
            let _ = b.remove_attribute(attr);
        }
    }
    for h in hidden {
        h.remove();
    }

    // Frame everything drawn, without the reader's pan and zoom.
    let viewport = original
        .query_selector("g.viewport")
        .map_err(js)?
        .ok_or("the map has no drawing")?
        .dyn_into::<web_sys::SvgGraphicsElement>()
        .map_err(|_| "the drawing is not SVG")?;
    let bbox = viewport.get_b_box().map_err(js)?;
    if let Ok(Some(g)) = copy.query_selector("g.viewport") {
        let _ = g.remove_attribute("transform");
    }
    let x = f64::from(bbox.x()) - MARGIN;
    let y = f64::from(bbox.y()) - MARGIN;
    let width = (f64::from(bbox.width()) + 2.0 * MARGIN).max(320.0);
    let drawing_bottom = f64::from(bbox.y() + bbox.height());
    let height = drawing_bottom - y + MARGIN + LINE * caption.len() as f64 + MARGIN / 2.0;

    for attr in [
        "tabindex",
        "role",
        "aria-label",
        "aria-roledescription",
        "class",
    ] {
        let _ = copy.remove_attribute(attr);
    }
    for (name, value) in [
        ("xmlns", SVG_NS.to_string()),
        ("viewBox", format!("{x:.1} {y:.1} {width:.1} {height:.1}")),
        ("width", format!("{width:.0}")),
        ("height", format!("{height:.0}")),
        ("role", "img".to_string()),
    ] {
        let _ = copy.set_attribute(name, &value);
    }

    // A title for screen readers and file browsers, the page's background, then the drawing.
    let page = window
        .get_computed_style(&doc.body().ok_or("no body")?.into())
        .ok()
        .flatten();
    let background = page
        .as_ref()
        .and_then(|s| s.get_property_value("background-color").ok())
        .filter(|c| !c.is_empty() && c != "rgba(0, 0, 0, 0)")
        .unwrap_or_else(|| "#ffffff".into());
    let ink = page
        .as_ref()
        .and_then(|s| s.get_property_value("color").ok())
        .unwrap_or_else(|| "#000000".into());
    let font = page
        .as_ref()
        .and_then(|s| s.get_property_value("font-family").ok())
        .unwrap_or_else(|| "sans-serif".into());
    let svg_title = svg_element(&doc, "title")?;
    svg_title.set_text_content(Some(title));
    let rect = svg_element(&doc, "rect")?;
    for (name, value) in [
        ("x", format!("{x:.1}")),
        ("y", format!("{y:.1}")),
        ("width", format!("{width:.1}")),
        ("height", format!("{height:.1}")),
        ("fill", background),
    ] {
        let _ = rect.set_attribute(name, &value);
    }
    let first = copy.first_child();
    copy.insert_before(&rect, first.as_ref()).map_err(js)?;
    copy.insert_before(&svg_title, Some(&rect)).map_err(js)?;

    for (i, line) in caption.iter().enumerate() {
        let text = svg_element(&doc, "text")?;
        let baseline = drawing_bottom + MARGIN + LINE * i as f64 + 4.0;
        for (name, value) in [
            ("x", format!("{:.1}", x + MARGIN)),
            ("y", format!("{baseline:.1}")),
            ("fill", ink.clone()),
            ("font-family", font.clone()),
            (
                "font-size",
                if i == 0 { "15px" } else { "12px" }.to_string(),
            ),
            (
                "font-weight",
                if i == 0 { "700" } else { "400" }.to_string(),
            ),
            ("class", "caption".to_string()),
        ] {
            let _ = text.set_attribute(name, &value);
        }
        text.set_text_content(Some(line));
        copy.append_child(&text).map_err(js)?;
    }

    let markup = web_sys::XmlSerializer::new()
        .map_err(js)?
        .serialize_to_string(&copy)
        .map_err(js)?;
    Ok((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{markup}\n"),
        width,
        height,
    ))
}

fn svg_element(doc: &Document, name: &str) -> Result<Element> {
    doc.create_element_ns(Some(SVG_NS), name).map_err(js)
}

/// The SVG drawn onto a canvas at `scale` times its size, as a PNG `data:` URL.
pub async fn png(svg: &str, width: f64, height: f64, scale: f64) -> Result<String> {
    let url = object_url(svg, "image/svg+xml")?;
    let image = web_sys::HtmlImageElement::new().map_err(js)?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(js)?;
    let canvas: web_sys::HtmlCanvasElement = document()?
        .create_element("canvas")
        .map_err(js)?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    let (w, h) = ((width * scale).ceil(), (height * scale).ceil());
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(js)?
        .ok_or("no 2D canvas")?
        .dyn_into()
        .map_err(|_| "no 2D canvas")?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)
        .map_err(js)?;
    canvas.to_data_url_with_type("image/png").map_err(js)
}

/// Hands `text` to the browser as a download called `name`.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<()> {
    let url = object_url(text, mime)?;
    download_url(name, &url)?;
    // The download has started from the click; the object URL can go once it is read.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Downloads what `url` (a `blob:` or `data:` URL made here) points to, as `name`.
pub fn download_url(name: &str, url: &str) -> Result<()> {
    let doc = document()?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(js)?
        .dyn_into()
        .map_err(|_| "no link element")?;
    a.set_href(url);
    a.set_download(name);
    let body = doc.body().ok_or("no body")?;
    body.append_child(&a).map_err(js)?;
    a.click();
    a.remove();
    Ok(())
}

fn object_url(text: &str, mime: &str) -> Result<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(js)
}
