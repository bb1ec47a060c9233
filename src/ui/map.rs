//! The graph drawn as SVG: nodes, relations, pan, zoom (wheel, pinch, buttons, fit) and
//! dragging a node to move and pin it. The simulation runs in animation frames only while it
//! is warm; once it has settled no frame is requested.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos::svg::Svg;
use wasm_bindgen::JsCast;

use super::i18n::{kind_label, pick, tr};
use super::shapes::symbol;
use super::state::{MapState, Model};
use crate::graph::view::Visible;
use crate::layout::organization::{self, label_width, NODE_RADIUS};
use crate::layout::Simulation;

/// The seed of the layout: the same data always give the same picture.
const SEED: u32 = 0x0a11_1a9e;
/// Time the simulation may use per animation frame while the reader watches it move, in ms.
const FRAME_BUDGET_MS: f64 = 8.0;
/// The same for the first layout, when nothing is drawn yet: as much as a task may take
/// without counting as a long task (50 ms), so the map appears sooner and input still flows.
const FIRST_LAYOUT_BUDGET_MS: f64 = 40.0;
/// Passes of the constraints at rest (each pass applies every rule once; most layouts need
/// far fewer). Run under the frame budget too: in one go they can take a few hundred ms.
const ENFORCE_PASSES: usize = 2000;
const MIN_ZOOM: f64 = 0.05;
const MAX_ZOOM: f64 = 8.0;
/// A press that moves less than this (px) is a click, not a drag.
const CLICK_SLOP: f64 = 4.0;

/// Screen = graph * k + (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Transform {
    x: f64,
    y: f64,
    k: f64,
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

/// Handles to everything the frame loop touches; all of them are cheap copies.
///
/// `state` is "initial" while the first layout is computed (in frames, under a time budget,
/// with nothing drawn yet), "running" while the reader's drag settles, "settled" at rest.
#[derive(Clone, Copy)]
struct Layout {
    sim: StoredValue<Simulation>,
    positions: RwSignal<Vec<(f64, f64)>>,
    running: StoredValue<bool>,
    state: RwSignal<&'static str>,
    /// Constraint passes run since the simulation last came to rest.
    passes: StoredValue<usize>,
}

impl Layout {
    /// Warms the simulation and makes sure one frame loop is running.
    fn wake(self, alpha: f64) {
        self.sim.update_value(|s| s.reheat(alpha));
        if reduced_motion() {
            // No animated settling: go straight to the state of rest.
            self.sim.update_value(|s| {
                s.run(300);
                s.enforce(2000);
            });
            self.positions.set(self.sim.with_value(coords));
            return;
        }
        if self.running.get_value() {
            return;
        }
        self.running.set_value(true);
        self.passes.set_value(0);
        self.state.set("running");
        self.frame();
    }

    /// Computes the first layout in frames, so the page stays responsive, then shows it.
    fn start(self) {
        self.running.set_value(true);
        self.frame();
    }

    fn frame(self) {
        request_animation_frame(move || {
            let start = now();
            let first = self.state.try_get_untracked() == Some("initial");
            let budget = if first {
                FIRST_LAYOUT_BUDGET_MS
            } else {
                FRAME_BUDGET_MS
            };
            let settled = self.sim.try_update_value(|s| {
                while now() - start < budget {
                    if !s.settled() {
                        s.tick();
                        continue;
                    }
                    // At rest every rule holds exactly: regions, hierarchy, labels apart.
                    let passes = self.passes.try_get_value().unwrap_or(ENFORCE_PASSES);
                    if passes >= ENFORCE_PASSES || s.enforce(1) {
                        return true;
                    }
                    self.passes.try_set_value(passes + 1);
                }
                false
            });
            // The map may have been taken down since the frame was requested.
            let Some(settled) = settled else { return };
            if !first || settled {
                if let Some(p) = self.sim.try_with_value(coords) {
                    self.positions.try_set(p);
                }
            }
            if settled {
                self.running.try_set_value(false);
                self.state.try_set("settled");
            } else {
                self.frame();
            }
        });
    }
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

fn coords(sim: &Simulation) -> Vec<(f64, f64)> {
    sim.bodies.iter().map(|b| (b.x, b.y)).collect()
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[component]
pub fn Map(model: Arc<Model>, state: MapState) -> impl IntoView {
    let d = &model.dataset;
    // The map is laid out for the labels of one language; the app makes a new map when the
    // language changes.
    let lang = state.lang.get_untracked();
    let frame = organization::Frame::new(d, &model.graph, lang);
    let sim = organization::simulation(d, &model.graph, &frame, SEED);
    let layout = Layout {
        positions: RwSignal::new(coords(&sim)),
        sim: StoredValue::new(sim),
        running: StoredValue::new(false),
        state: RwSignal::new("initial"),
        passes: StoredValue::new(0),
    };
    layout.start();
    let positions = layout.positions;
    let transform = RwSignal::new(Transform {
        x: 0.0,
        y: 0.0,
        k: 1.0,
    });
    let svg_ref = NodeRef::<Svg>::new();
    let pointers = StoredValue::new(Pointers::default());

    let label_extent = StoredValue::new(
        (0..d.nodes.len())
            .map(|i| NODE_RADIUS * 2.0 + label_width(&organization::label(d, i, lang)))
            .collect::<Vec<f64>>(),
    );
    let fit = move || {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
        let shown = state.visible.get_untracked();
        let (x0, y0, x1, y1) = positions.with_untracked(|p| {
            label_extent.with_value(|ext| {
                p.iter()
                    .zip(ext)
                    .zip(&shown.nodes)
                    .filter(|(_, &v)| v)
                    .fold(
                        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                        |(a, b, c, e), ((&(x, y), w), _)| {
                            (
                                a.min(x - NODE_RADIUS),
                                b.min(y - NODE_RADIUS),
                                c.max(x + w),
                                e.max(y + NODE_RADIUS),
                            )
                        },
                    )
            })
        });
        if x0 > x1 {
            return;
        }
        let pad = 24.0;
        let k = ((w - 2.0 * pad) / (x1 - x0))
            .min((h - 2.0 * pad) / (y1 - y0))
            .clamp(MIN_ZOOM, MAX_ZOOM);
        transform.set(Transform {
            x: w / 2.0 - (x0 + x1) / 2.0 * k,
            y: h / 2.0 - (y0 + y1) / 2.0 * k,
            k,
        });
    };

    // Zoom by `factor` around the screen point (px, py) relative to the svg.
    let zoom_at = move |factor: f64, px: f64, py: f64| {
        transform.update(|t| {
            let k = (t.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            t.x = px - (px - t.x) * (k / t.k);
            t.y = py - (py - t.y) * (k / t.k);
            t.k = k;
        });
    };
    // Centres node `i` when it is outside the visible part of the map.
    let reveal = move |i: usize| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let r = svg.get_bounding_client_rect();
        let Some((x, y)) = positions.with_untracked(|p| p.get(i).copied()) else {
            return;
        };
        let t = transform.get_untracked();
        let (sx, sy) = (x * t.k + t.x, y * t.k + t.y);
        let margin = 40.0;
        if sx < margin || sy < margin || sx > r.width() - margin || sy > r.height() - margin {
            transform.set(Transform {
                x: r.width() / 2.0 - x * t.k,
                y: r.height() / 2.0 - y * t.k,
                k: t.k,
            });
        }
    };
    let zoom_centre = move |factor: f64| {
        if let Some(svg) = svg_ref.get_untracked() {
            let r = svg.get_bounding_client_rect();
            zoom_at(factor, r.width() / 2.0, r.height() / 2.0);
        }
    };
    let local = move |cx: f64, cy: f64| -> (f64, f64) {
        svg_ref
            .get_untracked()
            .map(|svg| {
                let r = svg.get_bounding_client_rect();
                (cx - r.left(), cy - r.top())
            })
            .unwrap_or((cx, cy))
    };

    // First paint: fit the drawing, then tell tests and embedders the map is ready.
    let announced = StoredValue::new(false);
    Effect::new(move |_| {
        let at_rest = layout.state.get() == "settled";
        if at_rest && svg_ref.get().is_some() && !announced.get_value() {
            announced.set_value(true);
            fit();
            request_animation_frame(announce_ready);
        }
    });

    // A body selected elsewhere (search, table, a relation) is brought into sight.
    Effect::new(move |previous: Option<Option<usize>>| {
        let selected = state.selected.get();
        if let (Some(_), Some(i)) = (previous, selected) {
            if previous.flatten() != Some(i) {
                reveal(i);
            }
        }
        selected
    });

    // A new view (date, filter, focus) is framed to fit what it shows.
    Effect::new(move |first: Option<()>| {
        state.visible.track();
        if first.is_some() && announced.get_value() {
            fit();
        }
    });

    let on_wheel = move |e: web_sys::WheelEvent| {
        e.prevent_default();
        let (px, py) = local(f64::from(e.client_x()), f64::from(e.client_y()));
        let scale = if e.delta_mode() == 1 { 20.0 } else { 1.0 };
        zoom_at((-e.delta_y() * scale * 0.002).exp(), px, py);
    };

    let on_pointerdown = move |e: web_sys::PointerEvent| {
        if let Some(svg) = svg_ref.get_untracked() {
            let _ = svg.set_pointer_capture(e.pointer_id());
        }
        pointers.update_value(|p| {
            if p.drag.is_none() {
                p.down.retain(|(id, _, _)| *id != e.pointer_id());
                p.down.push((
                    e.pointer_id(),
                    f64::from(e.client_x()),
                    f64::from(e.client_y()),
                ));
            }
        });
    };
    let on_pointermove = move |e: web_sys::PointerEvent| {
        let (cx, cy) = (f64::from(e.client_x()), f64::from(e.client_y()));
        let drag = pointers.with_value(|p| p.drag);
        if let Some(mut drag) = drag {
            if !drag.moved && (cx - drag.start.0).hypot(cy - drag.start.1) < CLICK_SLOP {
                return;
            }
            drag.moved = true;
            pointers.update_value(|p| p.drag = Some(drag));
            let (lx, ly) = local(cx, cy);
            let t = transform.get_untracked();
            let (gx, gy) = ((lx - t.x) / t.k, (ly - t.y) / t.k);
            layout.sim.update_value(|s| {
                if let Some(b) = s.bodies.get_mut(drag.node) {
                    b.fixed = Some((gx, gy));
                    b.x = gx;
                    b.y = gy;
                }
            });
            positions.update(|p| {
                if let Some(slot) = p.get_mut(drag.node) {
                    *slot = (gx, gy);
                }
            });
            layout.wake(0.3);
            return;
        }
        let before = pointers.with_value(|p| p.down.clone());
        let Some(idx) = before.iter().position(|(id, _, _)| *id == e.pointer_id()) else {
            return;
        };
        pointers.update_value(|p| p.down[idx] = (e.pointer_id(), cx, cy));
        match before.len() {
            1 => transform.update(|t| {
                t.x += cx - before[0].1;
                t.y += cy - before[0].2;
            }),
            2 => {
                // Pinch: scale by the change of distance, around the midpoint.
                let other = before[1 - idx];
                let old = (before[idx].1 - other.1).hypot(before[idx].2 - other.2);
                let new = (cx - other.1).hypot(cy - other.2);
                if old > 1.0 {
                    let (mx, my) = local((cx + other.1) / 2.0, (cy + other.2) / 2.0);
                    zoom_at(new / old, mx, my);
                }
            }
            _ => {}
        }
    };
    let on_pointerup = move |e: web_sys::PointerEvent| {
        let drag = pointers.with_value(|p| p.drag);
        pointers.update_value(|p| {
            p.drag = None;
            p.down.retain(|(id, _, _)| *id != e.pointer_id());
        });
        if let Some(drag) = drag {
            if !drag.moved {
                state.select(Some(drag.node));
            }
        }
    };

    let keys = window_event_listener(ev::keydown, move |e| {
        let in_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_field {
            return;
        }
        match e.key().as_str() {
            "Escape" => state.select(None),
            "+" | "=" => zoom_centre(1.25),
            "-" => zoom_centre(0.8),
            "0" => fit(),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let edges = d
        .edges
        .iter()
        .enumerate()
        .filter_map(|(k, e)| {
            let (s, t) = (
                model.graph.node_index(&e.source)?,
                model.graph.node_index(&e.target)?,
            );
            let directed = !e.kind.is_symmetric();
            let path = move || {
                positions.with(|p| {
                    let ((x1, y1), (x2, y2)) = (p[s], p[t]);
                    let len = (x2 - x1).hypot(y2 - y1).max(1e-9);
                    // Stop short of the target's symbol so the arrow head shows.
                    let cut = if directed {
                        (NODE_RADIUS + 3.0).min(len / 2.0)
                    } else {
                        0.0
                    };
                    let (ex, ey) = (x2 - (x2 - x1) / len * cut, y2 - (y2 - y1) / len * cut);
                    format!("M{x1:.1},{y1:.1}L{ex:.1},{ey:.1}")
                })
            };
            let faded = move || {
                state.highlight.with(|h| {
                    h.as_ref()
                        .is_some_and(|set| !(set.contains(&s) && set.contains(&t)))
                })
            };
            let on_path = move || {
                state
                    .on_path
                    .with(|p| p.edges.contains(&k))
                    .then_some("true")
            };
            let (source, target, kind) = (e.source.clone(), e.target.clone(), e.kind);
            let shown = move || state.visible.with(|v| v.edges[k]);
            Some(move || {
                shown().then(|| {
                    view! {
                        <path
                            class=format!("edge edge-{}", kind.as_str())
                            class:faded=faded
                            class:on-path=move || on_path().is_some()
                            data-edge-source=source.clone()
                            data-edge-target=target.clone()
                            data-edge-kind=kind.as_str()
                            data-on-path=on_path
                            marker-end=directed.then_some("url(#arrow)")
                            d=path
                        />
                    }
                })
            })
        })
        .collect_view();

    // One node is in the tab order at a time (roving tabindex): Tab reaches the graph once,
    // the arrow keys move within it. It follows focus and selection, else the first shown node.
    let roving = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let vis = state.visible.get();
        let keep = roving
            .get_untracked()
            .filter(|&r| vis.nodes.get(r).copied().unwrap_or(false));
        let next = state
            .selected
            .get()
            .filter(|&s| vis.nodes[s])
            .or(keep)
            .or_else(|| vis.nodes.iter().position(|&v| v));
        roving.set(next);
    });
    let model_nav = StoredValue::new(model.clone());

    let nodes = d
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let t = tr(lang);
            let country = d
                .country(&node.country)
                .map(|c| pick(&c.name, lang).0)
                .unwrap_or_else(|| t.between_countries.to_string());
            let label = organization::label(d, i, lang);
            // The accessible name starts with the visible label, then says what the body is.
            let aria = format!(
                "{label}: {}, {}, {}, {} {}",
                pick(&node.name, lang).0,
                kind_label(node.kind, lang),
                country,
                model.graph.relations(i).len(),
                t.relations_count
            );
            let transform_attr =
                move || positions.with(|p| format!("translate({:.1},{:.1})", p[i].0, p[i].1));
            let selected = move || state.selected.get() == Some(i);
            let faded = move || {
                state
                    .highlight
                    .with(|h| h.as_ref().is_some_and(|set| !set.contains(&i)))
            };
            let start_drag = move |e: web_sys::PointerEvent| {
                e.stop_propagation();
                if let Some(svg) = svg_ref.get_untracked() {
                    let _ = svg.set_pointer_capture(e.pointer_id());
                }
                let start = (f64::from(e.client_x()), f64::from(e.client_y()));
                pointers.update_value(|p| {
                    p.drag = Some(Drag {
                        node: i,
                        start,
                        moved: false,
                    })
                });
            };
            let unpin = move |_| {
                layout.sim.update_value(|s| {
                    if let Some(b) = s.bodies.get_mut(i) {
                        b.fixed = None;
                    }
                });
                layout.wake(0.2);
            };
            let on_key = move |e: web_sys::KeyboardEvent| match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    state.select(Some(i));
                }
                key @ ("ArrowRight" | "ArrowLeft" | "ArrowUp" | "ArrowDown") => {
                    e.prevent_default();
                    let near = model_nav.with_value(|m| m.graph.neighbours(i));
                    let next = state.visible.with_untracked(|v| {
                        positions.with_untracked(|p| next_by_arrow(&near, i, key, p, v))
                    });
                    if let Some(j) = next {
                        focus_node(&state.id_of(j));
                    }
                }
                _ => {}
            };
            let id = node.id.clone();
            let kind = node.kind;
            let color = d.country_color(&node.country).to_string();
            let on_path = move || {
                state
                    .on_path
                    .with(|p| p.nodes.contains(&i))
                    .then_some("true")
            };
            let shown = move || state.visible.with(|v| v.nodes[i]);
            move || {
                shown().then(|| view! {
                <g
                    class="node"
                    class:faded=faded
                    class:selected=selected
                    class:on-path=move || on_path().is_some()
                    data-node-id=id.clone()
                    data-kind=kind.as_str()
                    data-selected=move || selected().then_some("true")
                    data-on-path=on_path
                    transform=transform_attr
                    tabindex=move || if roving.get() == Some(i) { "0" } else { "-1" }
                    role="button"
                    aria-label=aria.clone()
                    on:pointerdown=start_drag
                    on:pointerenter=move |_| state.hovered.set(Some(i))
                    on:pointerleave=move |_| state.hovered.set(None)
                    on:dblclick=unpin
                    on:keydown=on_key
                    on:focus=move |_| {
                        state.hovered.set(Some(i));
                        roving.set(Some(i));
                    }
                    on:blur=move |_| state.hovered.set(None)
                >
                    <path class="symbol" d=symbol(kind, NODE_RADIUS) fill=color.clone() />
                    <text class="label" x=NODE_RADIUS + 4.0 dy="0.35em">{label.clone()}</text>
                </g>
            })
            }
        })
        .collect_view();

    // The text summary screen readers get for the whole map, in the map's language.
    let summary = {
        let t = tr(lang);
        let count = |c: &str| d.nodes.iter().filter(|n| n.country == c).count();
        let mut parts: Vec<String> = d
            .manifest
            .countries
            .iter()
            .map(|c| format!("{} {}", pick(&c.name, lang).0, count(&c.id)))
            .collect();
        parts.push(format!(
            "{} {}",
            t.between_countries,
            count(crate::model::INTL)
        ));
        format!(
            "{}: {} {} ({}), {} {}. {} {}.",
            t.map_label,
            d.nodes.len(),
            t.bodies,
            parts.join(", "),
            d.edges.len(),
            t.relations_count,
            t.data_as_of,
            super::i18n::date(d.manifest.as_of, lang)
        )
    };

    view! {
        <section class="map" aria-label=tr(lang).map_label>
            <p class="visually-hidden">{summary}</p>
            <Show when=move || layout.state.get() == "initial">
                <div class="loading overlay" role="status">{move || tr(state.lang.get()).laying_out}</div>
            </Show>
            <svg
                node_ref=svg_ref
                class="map-canvas"
                class:laying-out=move || layout.state.get() == "initial"
                role="group"
                aria-label=move || tr(state.lang.get()).map_label
                data-layout=move || layout.state.get()
                on:wheel=on_wheel
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=on_pointerup
                on:pointercancel=on_pointerup
            >
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0L10,5L0,10Z" class="arrow-head" />
                    </marker>
                </defs>
                <g class="viewport" transform=move || transform.with(|t| format!("translate({:.2},{:.2}) scale({:.4})", t.x, t.y, t.k))>
                    <g class="edges">{edges}</g>
                    <g class="nodes">{nodes}</g>
                </g>
            </svg>
            <div class="zoom-controls" role="toolbar" aria-label=format!("{} / {}", tr(lang).zoom_in, tr(lang).zoom_out)>
                <button type="button" title=move || format!("{} (+)", tr(state.lang.get()).zoom_in) aria-label=move || tr(state.lang.get()).zoom_in data-zoom="in" on:click=move |_| zoom_centre(1.25)>"+"</button>
                <button type="button" title=move || format!("{} (-)", tr(state.lang.get()).zoom_out) aria-label=move || tr(state.lang.get()).zoom_out data-zoom="out" on:click=move |_| zoom_centre(0.8)>"−"</button>
                <button type="button" title=move || format!("{} (0)", tr(state.lang.get()).fit) aria-label=move || tr(state.lang.get()).fit data-zoom="fit" on:click=move |_| fit()>{move || tr(state.lang.get()).fit}</button>
            </div>
        </section>
    }
}

/// The rule the arrow keys follow: among the shown bodies related to `from`, the one lying most
/// nearly in the arrow's direction on screen (within 90° of it; ties go to the nearer). With no
/// related body that way, the nearest shown body within 45° of it, so that keys also cross
/// between unconnected parts of the map.
pub(crate) fn next_by_arrow(
    neighbours: &[usize],
    from: usize,
    key: &str,
    pos: &[(f64, f64)],
    vis: &Visible,
) -> Option<usize> {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
    let dir = match key {
        "ArrowRight" => 0.0f64,
        "ArrowDown" => FRAC_PI_2,
        "ArrowLeft" => PI,
        _ => -FRAC_PI_2,
    };
    let (x0, y0) = *pos.get(from)?;
    let score = |j: usize| {
        let (dx, dy) = (pos[j].0 - x0, pos[j].1 - y0);
        let off = ((dy.atan2(dx) - dir + PI).rem_euclid(2.0 * PI) - PI).abs();
        (off, dx.hypot(dy))
    };
    let best = |candidates: &mut dyn Iterator<Item = usize>, limit: f64| {
        candidates
            .filter(|&j| j != from && j < pos.len() && vis.nodes.get(j).copied().unwrap_or(false))
            .map(|j| (score(j), j))
            .filter(|((off, _), _)| *off <= limit)
            .min_by(|a, b| a.0 .0.total_cmp(&b.0 .0).then(a.0 .1.total_cmp(&b.0 .1)))
            .map(|(_, j)| j)
    };
    best(&mut neighbours.iter().copied(), FRAC_PI_2)
        .or_else(|| best(&mut (0..pos.len()), FRAC_PI_4))
}

/// Moves keyboard focus to the drawn node with this id (ids are validated: no quoting issue).
pub(crate) fn focus_node(id: &str) {
    let el = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector(&format!("[data-node-id=\"{id}\"]"))
            .ok()
            .flatten()
    });
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = el.focus();
    }
}

/// Sets `data-map-ready="true"` on `<html>` and dispatches `alliance-map:ready` on window.
fn announce_ready() {
    super::timing::mark("alliance-map:ready");
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-map-ready", "true");
    }
    if let Ok(event) = web_sys::CustomEvent::new("alliance-map:ready") {
        let _ = window.dispatch_event(&event);
    }
    super::embed::report_height();
}
