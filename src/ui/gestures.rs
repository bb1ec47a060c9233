//! Moving around the map: the camera (pan and zoom, fit to what is drawn) and the pointer
//! gestures that drive it — drag the background to pan, wheel or pinch to zoom, drag a body to
//! move and pin it; a press that does not move is a click and selects the body.

use leptos::prelude::*;
use leptos::svg::Svg;

use super::settle::Layout;
use super::state::MapState;
use crate::layout::organization::NODE_RADIUS;

pub const MIN_ZOOM: f64 = 0.05;
pub const MAX_ZOOM: f64 = 8.0;
/// A press that moves less than this (px) is a click, not a drag.
const CLICK_SLOP: f64 = 4.0;
/// Room kept right of the rightmost body when fitting, in screen px: its label.
const FIT_LABEL_ROOM: f64 = 120.0;
/// How far a region's frame reaches beyond its column, in layout units (see map.rs).
pub const REGION_MARGIN: f64 = 12.0;

/// Screen = graph * k + (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub x: f64,
    pub y: f64,
    pub k: f64,
}

#[derive(Clone, Copy)]
struct Drag {
    node: usize,
    start: (f64, f64),
    moved: bool,
}

#[derive(Default)]
struct Pointers {
    /// Active pointers on the background: id and last client position.
    down: Vec<(i32, f64, f64)>,
    drag: Option<Drag>,
}

/// The camera over the map and the pointers acting on it.
#[derive(Clone, Copy)]
pub struct Camera {
    pub transform: RwSignal<Transform>,
    pub svg: NodeRef<Svg>,
    pointers: StoredValue<Pointers>,
}

impl Camera {
    pub fn new() -> Self {
        Camera {
            transform: RwSignal::new(Transform {
                x: 0.0,
                y: 0.0,
                k: 1.0,
            }),
            svg: NodeRef::new(),
            pointers: StoredValue::new(Pointers::default()),
        }
    }

    /// Size of the drawing area in CSS px.
    pub fn size(self) -> Option<(f64, f64)> {
        let svg = self.svg.get_untracked()?;
        let r = svg.get_bounding_client_rect();
        Some((r.width().max(1.0), r.height().max(1.0)))
    }

    /// Frames every drawn body with its country's region (title and labels included).
    pub fn fit(self, layout: Layout, state: MapState) {
        if let Some(size) = self.size() {
            self.fit_in(layout, state, size);
        }
    }

    /// [`Camera::fit`] for a drawing area of `w`×`h` CSS px given rather than measured (the
    /// first picture: measuring would force a layout of the page in the middle of its mount).
    pub fn fit_in(self, layout: Layout, state: MapState, (w, h): (f64, f64)) {
        let shown = state.visible.get_untracked();
        let countries: Vec<String> = state.model.with_value(|m| {
            m.dataset
                .nodes
                .iter()
                .zip(&shown.nodes)
                .filter(|(_, &on)| on)
                .map(|(n, _)| n.country.clone())
                .collect()
        });
        let (mut x0, y0, mut x1, y1) = layout.positions.with_untracked(|p| {
            p.iter().zip(&shown.nodes).filter(|(_, &v)| v).fold(
                (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                |(a, b, c, e), (&(x, y), _)| {
                    (
                        a.min(x - NODE_RADIUS),
                        b.min(y - NODE_RADIUS),
                        c.max(x + NODE_RADIUS),
                        e.max(y + NODE_RADIUS),
                    )
                },
            )
        });
        if x0 > x1 || !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite()) {
            return;
        }
        let mut regions = false;
        layout.regions.with_untracked(|r| {
            for (c, left, right) in r.iter().filter(|(c, _, _)| countries.contains(c)) {
                let _ = c;
                x0 = x0.min(left - REGION_MARGIN);
                x1 = x1.max(right + REGION_MARGIN);
                regions = true;
            }
        });
        let pad = 12.0;
        // The region titles sit above the top row; without regions, labels stand right of the
        // rightmost body.
        let top = 30.0;
        let room = if regions {
            0.0
        } else {
            FIT_LABEL_ROOM.min(w * 0.2)
        };
        let by_width = (w - 2.0 * pad - room) / (x1 - x0).max(1.0);
        if layout.stacked.get_untracked() {
            // A phone: the regions stand one above the other, as wide as the screen; the map
            // starts at the top and the rest is a swipe away, like a long page.
            let k = by_width.clamp(MIN_ZOOM, MAX_ZOOM);
            let fits = (y1 - y0) * k <= h - 2.0 * pad - top;
            self.transform.set(Transform {
                x: w / 2.0 - (x0 + x1) / 2.0 * k,
                y: if fits {
                    (h + top) / 2.0 - (y0 + y1) / 2.0 * k
                } else {
                    pad + top - y0 * k
                },
                k,
            });
            return;
        }
        let k = by_width
            .min((h - 2.0 * pad - top) / (y1 - y0).max(1.0))
            .clamp(MIN_ZOOM, MAX_ZOOM);
        self.transform.set(Transform {
            x: (w - room) / 2.0 - (x0 + x1) / 2.0 * k,
            y: (h + top) / 2.0 - (y0 + y1) / 2.0 * k,
            k,
        });
    }

    /// Zoom by `factor` around the screen point (px, py) relative to the svg.
    pub fn zoom_at(self, factor: f64, px: f64, py: f64) {
        self.transform.update(|t| {
            let k = (t.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            t.x = px - (px - t.x) * (k / t.k);
            t.y = py - (py - t.y) * (k / t.k);
            t.k = k;
        });
    }

    pub fn zoom_centre(self, factor: f64) {
        if let Some((w, h)) = self.size() {
            self.zoom_at(factor, w / 2.0, h / 2.0);
        }
    }

    /// Centres graph point (x, y) when it is outside the visible part of the map.
    pub fn reveal(self, (x, y): (f64, f64)) {
        let Some((w, h)) = self.size() else { return };
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        let t = self.transform.get_untracked();
        let (sx, sy) = (x * t.k + t.x, y * t.k + t.y);
        let margin = 40.0;
        if sx < margin || sy < margin || sx > w - margin || sy > h - margin {
            self.transform.set(Transform {
                x: w / 2.0 - x * t.k,
                y: h / 2.0 - y * t.k,
                k: t.k,
            });
        }
    }

    /// Client coordinates to coordinates relative to the svg.
    fn local(self, cx: f64, cy: f64) -> (f64, f64) {
        self.svg
            .get_untracked()
            .map(|svg| {
                let r = svg.get_bounding_client_rect();
                (cx - r.left(), cy - r.top())
            })
            .unwrap_or((cx, cy))
    }

    pub fn on_wheel(self, e: web_sys::WheelEvent) {
        e.prevent_default();
        let (px, py) = self.local(f64::from(e.client_x()), f64::from(e.client_y()));
        let scale = if e.delta_mode() == 1 { 20.0 } else { 1.0 };
        self.zoom_at((-e.delta_y() * scale * 0.002).exp(), px, py);
    }

    /// A press on the background: pan (one pointer) or pinch (two).
    pub fn on_pointerdown(self, e: web_sys::PointerEvent) {
        if let Some(svg) = self.svg.get_untracked() {
            let _ = svg.set_pointer_capture(e.pointer_id());
        }
        self.pointers.update_value(|p| {
            if p.drag.is_none() {
                p.down.retain(|(id, _, _)| *id != e.pointer_id());
                p.down.push((
                    e.pointer_id(),
                    f64::from(e.client_x()),
                    f64::from(e.client_y()),
                ));
            }
        });
    }

    /// A press on body `node`: a drag if it moves, else a click.
    pub fn start_drag(self, node: usize, e: web_sys::PointerEvent) {
        e.stop_propagation();
        if let Some(svg) = self.svg.get_untracked() {
            let _ = svg.set_pointer_capture(e.pointer_id());
        }
        let start = (f64::from(e.client_x()), f64::from(e.client_y()));
        self.pointers.update_value(|p| {
            p.drag = Some(Drag {
                node,
                start,
                moved: false,
            })
        });
    }

    pub fn on_pointermove(self, e: web_sys::PointerEvent, layout: Layout) {
        let (cx, cy) = (f64::from(e.client_x()), f64::from(e.client_y()));
        let drag = self.pointers.with_value(|p| p.drag);
        if let Some(mut drag) = drag {
            if !drag.moved && (cx - drag.start.0).hypot(cy - drag.start.1) < CLICK_SLOP {
                return;
            }
            drag.moved = true;
            self.pointers.update_value(|p| p.drag = Some(drag));
            let (lx, ly) = self.local(cx, cy);
            let t = self.transform.get_untracked();
            layout.drag_to(drag.node, (lx - t.x) / t.k, (ly - t.y) / t.k);
            return;
        }
        let before = self.pointers.with_value(|p| p.down.clone());
        let Some(idx) = before.iter().position(|(id, _, _)| *id == e.pointer_id()) else {
            return;
        };
        self.pointers
            .update_value(|p| p.down[idx] = (e.pointer_id(), cx, cy));
        match before.len() {
            1 => self.transform.update(|t| {
                t.x += cx - before[0].1;
                t.y += cy - before[0].2;
            }),
            2 => {
                // Pinch: scale by the change of distance, around the midpoint.
                let other = before[1 - idx];
                let old = (before[idx].1 - other.1).hypot(before[idx].2 - other.2);
                let new = (cx - other.1).hypot(cy - other.2);
                if old > 1.0 {
                    let (mx, my) = self.local((cx + other.1) / 2.0, (cy + other.2) / 2.0);
                    self.zoom_at(new / old, mx, my);
                }
            }
            _ => {}
        }
    }

    pub fn on_pointerup(self, e: web_sys::PointerEvent, state: MapState) {
        let drag = self.pointers.with_value(|p| p.drag);
        self.pointers.update_value(|p| {
            p.drag = None;
            p.down.retain(|(id, _, _)| *id != e.pointer_id());
        });
        if let Some(drag) = drag {
            if !drag.moved {
                state.select(Some(drag.node));
            }
        }
    }
}
