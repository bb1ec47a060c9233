//! The map: country regions, relations and bodies drawn as SVG. What is drawn comes from
//! [`MapState::visible`]; where, from [`Layout`] (`settle.rs`); which labels, from the level of
//! detail (`lod.rs`); moving around, from the [`Camera`] (`gestures.rs`).

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::gestures::{Camera, REGION_MARGIN};
use super::i18n::{kind_label, pick, tr};
use super::lod::shown_labels;
use super::settle::Layout;
use super::shapes::symbol;
use super::state::{MapState, Model};
use crate::graph::view::{first_view_budget, map_size, Visible};
use crate::layout::labels::{self, LABEL_PX, LINE_PX};
use crate::layout::organization::{LABEL_GAP, NODE_RADIUS, STACK_BELOW_PX};
use crate::model::INTL;

/// Bodies (and badges) drawn per task when many come into view at once, relations twice as
/// many: the first view of a laptop (about 70 bodies) is drawn in three tasks, each under the
/// 50 ms of a long task even while the wasm still runs in the browser's first, slower tier.
const PER_TASK: usize = 30;

/// On-screen size of the region titles, CSS px.
const TITLE_PX: f64 = 15.0;

#[component]
pub fn Map(model: Arc<Model>, state: MapState) -> impl IntoView {
    let d = &model.dataset;
    // The map is laid out for the labels of one language; the app makes a new map when the
    // language changes.
    let lang = state.lang.get_untracked();
    let layout = Layout::new(d, lang);
    let camera = Camera::new();
    let positions = layout.positions;
    let transform = camera.transform;

    // The first view opens the hierarchy to what fits this window; a narrow one stacks the
    // regions.
    let mut screen = (1200.0, 800.0);
    if let Some(w) = web_sys::window() {
        let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        if let (Some(width), Some(height)) = (size(w.inner_width()), size(w.inner_height())) {
            screen = map_size(width, height);
            state.budget.set(first_view_budget(screen));
        }
    }

    // What is drawn is laid out anew (from the last picture) whenever it changes.
    let m = model.clone();
    let refit = StoredValue::new(false);
    Effect::new(move |previous: Option<()>| {
        let vis = state.visible.get();
        // The first picture is laid out for the estimate (what the build baked for, and asking
        // the page for its size now would force a layout of the page in the middle of its
        // mount); later ones for the map as drawn.
        let size = previous
            .and_then(|_| camera.size())
            .filter(|&(w, h)| w > 100.0 && h > 100.0)
            .map(|(w, h)| {
                (
                    if screen.0 < STACK_BELOW_PX {
                        screen.0
                    } else {
                        w
                    },
                    h,
                )
            })
            .unwrap_or(screen);
        let awaited = layout.relayout(&m, &vis, lang, size);
        if previous.is_none() && !awaited {
            state.panel_due.set(true);
        }
        if previous.is_some() {
            refit.set_value(true);
        }
    });

    let labels_shown = shown_labels(state, layout, camera);
    let m = model.clone();
    let folds = Memo::new(move |_| {
        state.visible.with(|v| {
            (0..m.dataset.nodes.len())
                .map(|i| v.fold_state(&m.dataset, &m.graph, i))
                .collect::<Vec<_>>()
        })
    });

    // Which bodies have a place yet: one newly drawn is placed by the next layout, a moment
    // after it enters the view; until then neither it nor its relations are drawn.
    let placed = Memo::new(move |_| {
        positions.with(|p| {
            p.iter()
                .map(|&(x, y)| x.is_finite() && y.is_finite())
                .collect::<Vec<bool>>()
        })
    });

    // What each layer draws: only the entries shown now have DOM and reactive attributes,
    // the rest of the dataset (most of it, in the first view) costs nothing.
    let ends: Arc<Vec<Option<(usize, usize)>>> = Arc::new(
        d.edges
            .iter()
            .map(|e| {
                Some((
                    model.graph.node_index(&e.source)?,
                    model.graph.node_index(&e.target)?,
                ))
            })
            .collect(),
    );
    let shown_nodes = Memo::new(move |_| {
        state.visible.with(|v| {
            placed.with(|p| {
                (0..p.len())
                    .filter(|&i| v.nodes[i] && p[i])
                    .collect::<Vec<usize>>()
            })
        })
    });
    // A relation shows when its layer is on, when it is on the path or the flow's current
    // step, or, of a layer that is off, around the body in hand.
    let shown_edges = {
        let ends = ends.clone();
        Memo::new(move |_| {
            let in_hand = [state.hovered.get(), state.selected.get()];
            state.visible.with(|v| {
                placed.with(|p| {
                    state.on_path.with(|path| {
                        ends.iter()
                            .enumerate()
                            .filter_map(|(k, ends)| ends.map(|(s, t)| (k, s, t)))
                            .filter(|&(k, s, t)| {
                                p[s] && p[t]
                                    && (v.edges[k]
                                        || path.edges.contains(&k)
                                        || super::flow::edge_current(state, k)
                                        || (v.related[k]
                                            && in_hand
                                                .iter()
                                                .any(|&h| h == Some(s) || h == Some(t))))
                            })
                            .map(|(k, _, _)| k)
                            .collect::<Vec<usize>>()
                    })
                })
            })
        })
    };
    let shown_badges = Memo::new(move |_| {
        folds.with(|f| {
            placed.with(|p| {
                (0..p.len())
                    .filter(|&i| f[i] == Some(false) && p[i])
                    .collect::<Vec<usize>>()
            })
        })
    });
    let drawing = Drawing::new([
        (shown_edges, 2 * PER_TASK),
        (shown_nodes, PER_TASK),
        (shown_badges, PER_TASK),
    ]);

    // First paint: fit the drawing and mark it drawn; once the side panel is built after it,
    // tell tests and embedders the page is ready. A new view (date, filter, expansion) is
    // framed again once it has settled.
    let (framed, drawn, announced) = (
        StoredValue::new(false),
        StoredValue::new(false),
        StoredValue::new(false),
    );
    Effect::new(move |_| {
        let at_rest = layout.state.get() == "settled";
        if !at_rest || camera.svg.get().is_none() {
            return;
        }
        if !framed.get_value() {
            // The first picture is framed for the size the map was laid out for; once the
            // browser has laid the page out it reports the real size, and a map of another
            // size (another page, such as the editor's) is framed again.
            framed.set_value(true);
            camera.fit_in(layout, state, screen);
            if let Some(svg) = camera.svg.get_untracked() {
                on_first_size(&svg, move |size| {
                    if (size.0 - screen.0).abs() > 2.0 || (size.1 - screen.1).abs() > 2.0 {
                        camera.fit_in(layout, state, size);
                    }
                });
            }
        }
        if !announced.get_value() {
            let built = state.panel_built.get();
            if !drawing.done() {
                return;
            }
            if !drawn.get_value() {
                drawn.set_value(true);
                request_animation_frame(move || {
                    super::timing::mark("alliance-map:drawn");
                    state.panel_due.set(true);
                });
            }
            if built {
                announced.set_value(true);
                request_animation_frame(move || {
                    announce_ready();
                    state.map_ready.set(true);
                });
            }
        } else if refit.get_value() {
            refit.set_value(false);
            camera.fit(layout, state);
        }
    });

    // A body selected elsewhere (search, table, a relation) is brought into sight.
    Effect::new(move |previous: Option<Option<usize>>| {
        let selected = state.selected.get();
        if let (Some(_), Some(i)) = (previous, selected) {
            if previous.flatten() != Some(i) {
                camera.reveal(positions.with_untracked(|p| p[i]));
            }
        }
        selected
    });

    let keys = window_event_listener(ev::keydown, move |e| {
        if super::app::typing(&e) {
            return;
        }
        match e.key().as_str() {
            "Escape" => state.select(None),
            "+" | "=" => camera.zoom_centre(1.25),
            "-" => camera.zoom_centre(0.8),
            "0" => camera.fit(layout, state),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let regions = {
        let d = model.clone();
        move || {
            let lang = state.lang.get();
            let k = transform.with(|t| t.k);
            let vis = state.visible.get();
            // From the highest to the lowest drawn body: of each region when they are stacked,
            // of all of them when they stand side by side (one band across the map).
            let stacked = layout.stacked.get();
            let extent = |country: Option<&str>| {
                positions.with(|p| {
                    p.iter()
                        .zip(&vis.nodes)
                        .zip(&d.dataset.nodes)
                        .filter(|((_, &on), n)| on && country.is_none_or(|c| n.country == c))
                        .fold((f64::MAX, f64::MIN), |(a, b), ((&(_, y), _), _)| {
                            (a.min(y), b.max(y))
                        })
                })
            };
            let all = extent(None);
            layout.regions.with(|r| {
                r.iter()
                    .filter_map(|(c, left, right)| {
                        let (top, bottom) = if stacked { extent(Some(c)) } else { all };
                        (top <= bottom && top.is_finite()).then_some((c, left, right, top, bottom))
                    })
                    .map(|(c, left, right, top, bottom)| {
                        let (top, bottom) = (top - NODE_RADIUS - 34.0 / k, bottom + NODE_RADIUS + 12.0);
                        let title = if c == INTL {
                            tr(lang).between_countries.to_string()
                        } else {
                            d.dataset
                                .country(c)
                                .map(|c| pick(&c.name, lang).0)
                                .unwrap_or_else(|| c.clone())
                        };
                        let (left, right) = (left - REGION_MARGIN, right + REGION_MARGIN);
                        view! {
                            <g class="region" data-region=c.clone()>
                                <rect x=left y=top width=right - left height=bottom - top rx=8.0 />
                                <text x=left + 10.0 / k y=top + (TITLE_PX + 6.0) / k font-size=TITLE_PX / k>{title}</text>
                            </g>
                        }
                    })
                    .collect_view()
            })
        }
    };

    let m = model.clone();
    let edge = move |k: usize| {
        let e = &m.dataset.edges[k];
        let (s, t) = ends[k]?;
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
        let full = move || state.visible.with(|v| v.edges[k]);
        let (source, target, kind) = (e.source.clone(), e.target.clone(), e.kind);
        // One class attribute (one reactive effect rather than one per class).
        let class = move || {
            classes(
                format!("edge edge-{}", kind.as_str()),
                [
                    (faded(), "faded"),
                    (!full(), "context"),
                    (on_path().is_some(), "on-path"),
                    (super::flow::edge_current(state, k), "flow-current"),
                    (super::flow::edge_off(state, k), "flow-off"),
                ],
            )
        };
        Some(view! {
            <path
                class=class
                data-edge-source=source
                data-edge-target=target
                data-edge-kind=kind.as_str()
                data-on-path=on_path
                data-change=move || state.changes.with(|c| c.as_ref().and_then(|c| c.change_of_edge(k)).map(|m| m.as_str()))
                marker-end=directed.then_some("url(#arrow)")
                d=path
            />
        })
    };

    // One node is in the tab order at a time (roving tabindex): Tab reaches the graph once,
    // the arrow keys move within it. It follows focus and selection, else the first shown node
    // in importance order (the top of the first chart).
    let roving = RwSignal::new(None::<usize>);
    let countries = StoredValue::new(
        d.nodes
            .iter()
            .map(|n| n.country.clone())
            .collect::<Vec<String>>(),
    );
    Effect::new(move |_| {
        let vis = state.visible.get();
        let keep = roving
            .get_untracked()
            .filter(|&r| vis.nodes.get(r).copied().unwrap_or(false));
        // The top of the first region's chart (reading order: the United States on the left).
        let first_region = layout.regions.with(|r| r.first().map(|c| c.0.clone()));
        let first = layout.importance.with(|imp| {
            let in_first = |i: &usize| {
                first_region
                    .as_deref()
                    .is_none_or(|c| countries.with_value(|cs| cs[*i] == c))
            };
            imp.iter()
                .copied()
                .filter(|&i| vis.nodes[i])
                .find(in_first)
                .or_else(|| imp.iter().copied().find(|&i| vis.nodes[i]))
        });
        let next = state
            .selected
            .get()
            .filter(|&s| vis.nodes[s])
            .or(keep)
            .or(first)
            .or_else(|| vis.nodes.iter().position(|&v| v));
        roving.set(next);
    });
    let model_nav = StoredValue::new(model.clone());

    // The bodies' pointer, keyboard and focus handlers are set once, on their layer: the body
    // an event is about is the `.node` it happened in. (Nine listeners on every body, each a
    // closure handed to the browser, were a share of the cost of drawing one.)
    let focused = RwSignal::new(None::<usize>);
    let body_of = move |target: Option<web_sys::EventTarget>| -> Option<usize> {
        let node = target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest(".node")
            .ok()??;
        let id = node.get_attribute("data-node-id")?;
        model_nav.with_value(|m| m.graph.node_index(&id))
    };
    let on_key = move |i: usize, e: web_sys::KeyboardEvent| {
        let fold = || folds.with_untracked(|f| f[i]);
        match e.key().as_str() {
            "Enter" | " " => {
                e.prevent_default();
                state.select(Some(i));
            }
            // Like a tree: + opens a body's sub-units, - folds them.
            "+" | "=" if fold() == Some(false) => {
                e.prevent_default();
                e.stop_propagation();
                state.set_open(i, true);
            }
            "-" if fold() == Some(true) => {
                e.prevent_default();
                e.stop_propagation();
                state.set_open(i, false);
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
        }
    };

    let m = model.clone();
    let node = move |i: usize| {
        let (d, node) = (&m.dataset, &m.dataset.nodes[i]);
        let t = tr(lang);
        let country = d
            .country(&node.country)
            .map(|c| pick(&c.name, lang).0)
            .unwrap_or_else(|| t.between_countries.to_string());
        let kind_text = kind_label(node.kind, lang);
        let full_name = pick(&node.name, lang).0;
        // The full name, as a tooltip, for labels that are short names or hidden.
        let tooltip = full_name.clone();
        let relations = m.graph.relations(i).len();
        let text = move || layout.labels.with_value(|l| l[i].clone());
        // The accessible name starts with the visible label, then says what the body is.
        let aria = move || {
            let folded = state.visible.with(|v| v.folded[i]);
            let mut a = format!(
                "{}: {full_name}, {kind_text}, {country}, {relations} {}",
                text().join(" "),
                t.relations_count
            );
            if folded > 0 {
                a.push_str(&format!(", {} {}", folded, t.folded_units));
            }
            a
        };
        let transform_attr =
            move || positions.with(|p| format!("translate({:.1},{:.1})", p[i].0, p[i].1));
        let selected = move || state.selected.get() == Some(i);
        let faded = move || {
            state
                .highlight
                .with(|h| h.as_ref().is_some_and(|set| !set.contains(&i)))
        };
        let fold = move || folds.with(|f| f[i]);
        let label_on = move || {
            labels_shown.with(|s| s[i])
                || selected()
                || focused.get() == Some(i)
                || state.hovered.get() == Some(i)
                || super::flow::node_current(state, i)
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
        // The whole body is the target: symbol and label, not the relations beneath.
        let hit = move || {
            let k = transform.with(|t| t.k);
            let (w, h) = if label_on() {
                labels::size(&text(), LABEL_PX)
            } else {
                (0.0, 0.0)
            };
            let half = NODE_RADIUS.max(h / 2.0 / k);
            let width = 2.0 * NODE_RADIUS + (LABEL_GAP + w) / k;
            // A rectangle, as one attribute.
            format!(
                "M{:.2},{:.2}h{width:.2}v{:.2}h{:.2}z",
                -NODE_RADIUS,
                -half,
                2.0 * half,
                -width
            )
        };
        // One class attribute (one reactive effect rather than one per class).
        let class = move || {
            classes(
                "node".to_string(),
                [
                    (faded(), "faded"),
                    (selected(), "selected"),
                    (on_path().is_some(), "on-path"),
                    (super::flow::node_current(state, i), "flow-current"),
                    (super::flow::node_off(state, i), "flow-off"),
                ],
            )
        };
        // Pointer, keyboard and focus are handled once for all bodies, on their layer (see
        // `body_of`): no listeners per body.
        view! {
                <g
                    class=class
                    data-flow-step=move || super::flow::node_step(state, i)
                    data-node-id=id.clone()
                    data-kind=kind.as_str()
                    data-selected=move || selected().then_some("true")
                    data-on-path=on_path
                    data-change=move || state.changes.with(|c| c.as_ref().and_then(|c| c.change_of_node(i)).map(|m| m.as_str()))
                    data-folded=move || fold().map(|open| if open { "open" } else { "folded" })
                    transform=transform_attr
                    tabindex=move || if roving.get() == Some(i) { "0" } else { "-1" }
                    role="button"
                    aria-label=aria.clone()
                    aria-expanded=move || fold().map(|open| open.to_string())
                >
                    <title>{tooltip.clone()}</title>
                    <path class="hit" d=hit />
                    <path class="symbol" d=symbol(kind, NODE_RADIUS) fill=color.clone() />
                    {move || label_on().then(|| {
                        let lines = text();
                        let count = lines.len() as f64;
                        let lines = lines.into_iter().enumerate().map(|(n, line)| {
                            let dy = if n == 0 {
                                format!("{:.3}em", 0.35 - (count - 1.0) * LINE_PX / LABEL_PX / 2.0)
                            } else {
                                format!("{:.3}em", LINE_PX / LABEL_PX)
                            };
                            view! { {(n > 0).then_some(" ")}<tspan x=NODE_RADIUS dx="0.33em" dy=dy>{line}</tspan> }
                        }).collect_view();
                        view! { <text class="label">{lines}</text> }
                    })}
                </g>
        }
    };

    // The "+N" badges of folded bodies, in a layer of their own above the bodies: a pointer
    // target that opens the body (the keyboard has `+` on the body and the details' button),
    // kept out of the bodies' accessible names.
    let m = model.clone();
    let badge = move |i: usize| {
        let at = move || positions.with(|p| format!("translate({:.1},{:.1})", p[i].0, p[i].1));
        let of = m.dataset.nodes[i].id.clone();
        let n = move || state.visible.with(|v| v.folded[i]);
        view! {
            <text class="badge" transform=at x=-NODE_RADIUS dx="-0.3em" dy="0.35em" data-badge=n
                data-badge-of=of
                on:pointerdown=move |e: web_sys::PointerEvent| e.stop_propagation()
                on:click=move |e: web_sys::MouseEvent| { e.stop_propagation(); state.set_open(i, true); }
            >{move || format!("+{}", n())}</text>
        }
    };

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
        parts.push(format!("{} {}", t.between_countries, count(INTL)));
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
    let t = move || tr(state.lang.get());

    view! {
        <section class="map" id="map" tabindex="-1" aria-label=tr(lang).map_label>
            <p class="visually-hidden">{summary}</p>
            <Show when=move || layout.state.get() == "initial">
                <div class="loading overlay" role="status">{move || t().laying_out}</div>
            </Show>
            <svg
                node_ref=camera.svg
                class="map-canvas"
                class:laying-out=move || layout.state.get() == "initial"
                role="group"
                aria-label=move || t().map_label
                data-layout=move || layout.state.get()
                data-layout-origin=move || layout.origin.get()
                data-layout-digest=move || (layout.state.get() == "settled").then(|| layout.digest())
                data-budget=move || state.budget.get()
                data-lang=lang.as_str()
                on:wheel=move |e| camera.on_wheel(e)
                on:pointerdown=move |e| camera.on_pointerdown(e)
                on:pointermove=move |e| camera.on_pointermove(e, layout)
                on:pointerup=move |e| camera.on_pointerup(e, state)
                on:pointercancel=move |e| camera.on_pointerup(e, state)
            >
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0L10,5L0,10Z" class="arrow-head" />
                    </marker>
                </defs>
                <g class="viewport" transform=move || transform.with(|t| format!("translate({:.2},{:.2}) scale({:.4})", t.x, t.y, t.k))>
                    <g class="regions">{regions}</g>
                    <g class="edges">{drawing.layer(0, edge)}</g>
                    <g
                        class="nodes"
                        font-size=move || format!("{:.3}", LABEL_PX / transform.with(|t| t.k))
                        on:pointerdown=move |e: web_sys::PointerEvent| if let Some(i) = body_of(e.target()) { camera.start_drag(i, e) }
                        on:pointerover=move |e: web_sys::PointerEvent| if let Some(i) = body_of(e.target()) { if state.hovered.get_untracked() != Some(i) { state.hovered.set(Some(i)) } }
                        on:pointerout=move |e: web_sys::PointerEvent| { let from = body_of(e.target()); if from.is_some() && body_of(e.related_target()) != from { state.hovered.set(None) } }
                        on:dblclick=move |e: web_sys::MouseEvent| if let Some(i) = body_of(e.target()) { layout.unpin(i) }
                        on:keydown=move |e: web_sys::KeyboardEvent| if let Some(i) = body_of(e.target()) { on_key(i, e) }
                        on:focusin=move |e: web_sys::FocusEvent| if let Some(i) = body_of(e.target()) { state.hovered.set(Some(i)); focused.set(Some(i)); roving.set(Some(i)); }
                        on:focusout=move |e: web_sys::FocusEvent| if body_of(e.target()).is_some() { state.hovered.set(None); focused.set(None); }
                    >{drawing.layer(1, node)}</g>
                    <g class="flow-badges" aria-hidden="true" font-size=move || format!("{:.3}", LABEL_PX / transform.with(|t| t.k))>{super::flow::badges(state, positions)}</g>
                    <g class="badges" aria-hidden="true" font-size=move || format!("{:.3}", LABEL_PX / transform.with(|t| t.k))>{drawing.layer(2, badge)}</g>
                </g>
            </svg>
            <div class="zoom-controls" role="toolbar" aria-label=move || format!("{} / {}", t().zoom_in, t().zoom_out)>
                <button type="button" title=move || format!("{} (+)", t().zoom_in) aria-label=move || t().zoom_in data-zoom="in" on:click=move |_| camera.zoom_centre(1.25)>"+"</button>
                <button type="button" title=move || format!("{} (-)", t().zoom_out) aria-label=move || t().zoom_out data-zoom="out" on:click=move |_| camera.zoom_centre(0.8)>"−"</button>
                <button type="button" title=move || format!("{} (0)", t().fit) aria-label=move || t().fit data-zoom="fit" on:click=move |_| camera.fit(layout, state)>{move || t().fit}</button>
            </div>
        </section>
    }
}

/// The map's layers drawn a slice at a time: at most `drawn` × its share of each layer's shown
/// entries, `drawn` rising by one a task until all are in. A layout that brings many bodies
/// into view (the first one, a change of date) is drawn in short tasks with the browser's turn
/// between them; each task more is one more render of the page, so the slices are large.
#[derive(Clone, Copy)]
struct Drawing {
    drawn: RwSignal<usize>,
    /// Each layer's shown entries in index order (SVG paints the later on top), and how many
    /// of them one task draws.
    layers: [(Memo<Vec<usize>>, usize); 3],
}

impl Drawing {
    fn new(layers: [(Memo<Vec<usize>>, usize); 3]) -> Self {
        let drawing = Drawing {
            drawn: RwSignal::new(1),
            layers,
        };
        let pending = StoredValue::new(false);
        Effect::new(move |_| {
            if !drawing.done() && !pending.get_value() {
                pending.set_value(true);
                set_timeout(
                    move || {
                        pending.set_value(false);
                        drawing.drawn.update(|n| *n += 1);
                    },
                    std::time::Duration::ZERO,
                );
            }
        });
        drawing
    }

    /// Every shown entry of every layer is drawn.
    fn done(&self) -> bool {
        let n = self.drawn.get();
        self.layers
            .iter()
            .all(|(shown, per_task)| shown.with(|s| s.len() <= n * per_task))
    }

    /// Layer `which`, each drawn entry made by `entry` and kept while it is shown.
    fn layer<V: IntoView + 'static>(
        self,
        which: usize,
        entry: impl Fn(usize) -> V + Clone + Send + 'static,
    ) -> impl IntoView {
        let (shown, per_task) = self.layers[which];
        let drawn = self.drawn;
        view! {
            <For
                each=move || shown.with(|s| s.iter().take(drawn.get() * per_task).copied().collect::<Vec<usize>>())
                key=|i| *i
                children=entry
            />
        }
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

/// Calls `then` with the size of `element` (CSS px) the first time the browser lays it out,
/// without forcing a layout (a `ResizeObserver`, disconnected after its first report).
fn on_first_size(element: &web_sys::Element, then: impl FnOnce((f64, f64)) + 'static) {
    use wasm_bindgen::closure::Closure;
    let mut then = Some(then);
    let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::ResizeObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::ResizeObserver| {
            observer.disconnect();
            let entry = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>();
            if let (Ok(entry), Some(then)) = (entry, then.take()) {
                let r = entry.content_rect();
                then((r.width().max(1.0), r.height().max(1.0)));
            }
        },
    );
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(element);
    }
    // Kept for the page's life: it runs once, and a map is made once per language.
    callback.forget();
}

/// `base` and the names whose flag is on, as one class attribute.
fn classes<const N: usize>(mut base: String, flags: [(bool, &str); N]) -> String {
    for (on, name) in flags {
        if on {
            base.push(' ');
            base.push_str(name);
        }
    }
    base
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
