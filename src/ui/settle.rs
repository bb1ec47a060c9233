//! Running the layout in the browser: the simulation is built for what the map draws (the
//! bodies and the relations of the layers that are on), re-built from the last picture when
//! that changes, and run in animation frames under a time budget only while it is warm. A
//! settled map requests no frames.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::state::Model;
use crate::graph::view::Visible;
use crate::layout::baked::{self, Drawing, ENFORCE_PASSES, SEED};
use crate::layout::labels::Labels;
use crate::layout::organization::{self, Shape};
use crate::layout::{Rest, Simulation};
use crate::model::Dataset;
use crate::view::Lang;

/// Time the simulation may use per animation frame while the reader watches it move, in ms.
const FRAME_BUDGET_MS: f64 = 8.0;
/// The same for the first layout, when nothing is drawn yet: as much as a task may take
/// without counting as a long task (50 ms), so the map appears sooner and input still flows.
const FIRST_LAYOUT_BUDGET_MS: f64 = 40.0;

/// A country's region on the map: its id and left and right edges.
pub type Region = (String, f64, f64);

/// Handles to everything the frame loop touches; all of them are cheap copies.
///
/// `state` is "initial" while the first layout is computed (in frames, under a time budget,
/// with nothing drawn yet), "running" while a change or the reader's drag settles, "settled"
/// at rest.
#[derive(Clone, Copy)]
pub struct Layout {
    sim: StoredValue<Simulation>,
    /// Dataset node of each body of the simulation.
    members: StoredValue<Vec<usize>>,
    /// Position of every dataset node (the last one it had; only drawn ones are current).
    pub positions: RwSignal<Vec<(f64, f64)>>,
    running: StoredValue<bool>,
    pub state: RwSignal<&'static str>,
    /// The simulation's way to rest since it was last woken.
    rest: StoredValue<Rest>,
    /// Counts the layouts begun: a baked layout that arrives after another one began is
    /// dropped.
    begun: StoredValue<u64>,
    /// Where the first picture came from: "baked" (laid out by the build) or "computed" here.
    pub origin: RwSignal<&'static str>,
    /// The country regions of the current layout.
    pub regions: RwSignal<Arc<Vec<Region>>>,
    /// Whether the regions are stacked (a narrow screen) rather than side by side.
    pub stacked: RwSignal<bool>,
    /// The lines of every dataset node's label: of the whole dataset, made once, so that a
    /// body reads the same in every view.
    pub labels: StoredValue<Arc<Vec<Vec<String>>>>,
    /// Drawn bodies, most important first: whose label wins when two would overlap.
    pub importance: RwSignal<Arc<Vec<usize>>>,
}

impl Layout {
    pub fn new(dataset: &Dataset, lang: Lang) -> Self {
        let nodes = dataset.nodes.len();
        let labels = Labels::new(dataset, lang);
        Layout {
            sim: StoredValue::new(Simulation::new(Vec::new(), SEED)),
            members: StoredValue::new(Vec::new()),
            positions: RwSignal::new(vec![(f64::NAN, f64::NAN); nodes]),
            running: StoredValue::new(false),
            state: RwSignal::new("initial"),
            rest: StoredValue::new(Rest::new(ENFORCE_PASSES)),
            begun: StoredValue::new(0),
            origin: RwSignal::new("computed"),
            regions: RwSignal::new(Arc::new(Vec::new())),
            stacked: RwSignal::new(false),
            labels: StoredValue::new(Arc::new((0..nodes).map(|i| labels.lines(i)).collect())),
            importance: RwSignal::new(Arc::new(Vec::new())),
        }
    }

    /// Builds the simulation for what `vis` draws, for a map of `width`×`height` CSS px. Bodies
    /// drawn before keep their place; newcomers start beside their neighbours (see
    /// [`organization::warm_start`]). A first picture the build laid out is fetched (one small
    /// file) and drawn as it arrives; it is laid out here if it cannot be read. Returns whether
    /// the picture is awaited from such a file.
    pub fn relayout(
        self,
        model: &Model,
        vis: &Visible,
        lang: Lang,
        (width, height): (f64, f64),
    ) -> bool {
        let d = &model.dataset;
        let members: Vec<usize> = (0..d.nodes.len()).filter(|&i| vis.nodes[i]).collect();
        let shape = Shape::of_screen(width, height);
        let Drawing {
            part: shown,
            graph,
            frame,
            mut sim,
        } = baked::lay_out(d, &vis.nodes, &vis.edges, lang, shape);
        let previous: HashMap<String, (f64, f64)> = self.members.with_value(|old| {
            self.positions.with_untracked(|p| {
                old.iter()
                    .filter(|&&i| p[i].0.is_finite() && p[i].1.is_finite())
                    .map(|&i| (d.nodes[i].id.clone(), p[i]))
                    .collect()
            })
        });
        let first = previous.is_empty();
        let baked = first
            .then(|| baked::listed(&model.layouts, lang, shape, &vis.nodes, &vis.edges))
            .flatten()
            .map(|listed| listed.file.clone());
        if !first {
            organization::warm_start(&mut sim, &shown, &graph, &previous);
        }
        // Importance: the top of each chart first, then the bodies with the most relations
        // in the whole dataset and the most folded in.
        let mut order: Vec<usize> = (0..members.len()).collect();
        let degree: Vec<usize> = members
            .iter()
            .map(|&i| model.graph.relations(i).len() + vis.folded[i])
            .collect();
        let depth = |j: usize| frame.depths.get(&shown.nodes[j].id).copied().unwrap_or(0);
        order.sort_by_key(|&j| (depth(j), std::cmp::Reverse(degree[j]), j));
        self.importance
            .set(Arc::new(order.into_iter().map(|j| members[j]).collect()));
        self.regions.set(Arc::new(frame.columns.clone()));
        self.stacked.set(frame.stacked);
        self.members.set_value(members);
        self.sim.set_value(sim);
        self.begun.update_value(|n| *n += 1);
        // A first picture the build laid out is drawn as it arrives, and nothing before it (the
        // map is hidden until then): bodies drawn now at their starting places would only be
        // moved at once, and drawing them would lengthen the mount.
        let awaited = baked.is_some();
        if !awaited {
            self.publish();
        }
        if let Some(file) = baked {
            let begun = self.begun.get_value();
            let (nodes, edges) = (vis.nodes.clone(), vis.edges.clone());
            leptos::task::spawn_local(async move {
                let arrived = super::load::baked_layout(&file).await;
                // The map may have been taken down or moved on since.
                if self.begun.try_get_value() != Some(begun) {
                    return;
                }
                match arrived {
                    Ok(b) if b.fits(lang, shape, &nodes, &edges) => self.rest_at(&b.positions),
                    _ => self.lay_out_here(),
                }
            });
        } else if first {
            self.lay_out_here();
        } else {
            self.wake(0.0);
        }
        awaited
    }

    /// Places the bodies where the build left them: as the simulation would have, cold and at
    /// rest.
    fn rest_at(self, positions: &[[f64; 2]]) {
        let placed = self.sim.try_update_value(|sim| {
            if sim.bodies.len() != positions.len() {
                return false;
            }
            for (body, p) in sim.bodies.iter_mut().zip(positions) {
                (body.x, body.y) = (p[0], p[1]);
            }
            sim.alpha = 0.0;
            true
        });
        if placed != Some(true) {
            return self.lay_out_here();
        }
        self.publish();
        self.origin.set("baked");
        self.state.set("settled");
    }

    /// Computes the first layout here, in frames, with nothing drawn until it is at rest.
    fn lay_out_here(self) {
        self.running.set_value(true);
        self.rest.set_value(Rest::new(ENFORCE_PASSES));
        self.frame();
    }

    /// The fingerprint of the drawn bodies' exact positions (see [`baked::digest`]).
    pub fn digest(self) -> String {
        self.sim
            .try_with_value(|s| baked::digest(s.bodies.iter().map(|b| [b.x, b.y])))
            .unwrap_or_default()
    }

    /// Copies the simulation's positions to the drawn bodies.
    fn publish(self) {
        let coords: Option<Vec<(f64, f64)>> = self
            .sim
            .try_with_value(|s| s.bodies.iter().map(|b| (b.x, b.y)).collect());
        let Some(coords) = coords else { return };
        self.members.with_value(|m| {
            self.positions.try_update(|p| {
                for (&i, &xy) in m.iter().zip(&coords) {
                    p[i] = xy;
                }
            });
        });
    }

    /// Warms the simulation (to at least `alpha`) and makes sure one frame loop is running.
    pub fn wake(self, alpha: f64) {
        self.sim.update_value(|s| {
            if alpha > s.alpha {
                s.reheat(alpha)
            }
        });
        if reduced_motion() {
            // No animated settling: go straight to the state of rest.
            self.sim.update_value(|s| {
                s.run(300);
                s.enforce(ENFORCE_PASSES);
            });
            self.publish();
            self.state.set("settled");
            return;
        }
        if self.running.get_value() {
            return;
        }
        self.running.set_value(true);
        self.rest.set_value(Rest::new(ENFORCE_PASSES));
        if self.state.get_untracked() != "initial" {
            self.state.set("running");
        }
        self.frame();
    }

    /// Moves dataset node `i` to (x, y) and pins it there.
    pub fn drag_to(self, i: usize, x: f64, y: f64) {
        let Some(j) = self.members.with_value(|m| m.iter().position(|&k| k == i)) else {
            return;
        };
        self.sim.update_value(|s| {
            if let Some(b) = s.bodies.get_mut(j) {
                b.fixed = Some((x, y));
                b.x = x;
                b.y = y;
            }
        });
        self.positions.update(|p| p[i] = (x, y));
        self.wake(0.3);
    }

    /// Lets dataset node `i` move again.
    pub fn unpin(self, i: usize) {
        let Some(j) = self.members.with_value(|m| m.iter().position(|&k| k == i)) else {
            return;
        };
        self.sim.update_value(|s| {
            if let Some(b) = s.bodies.get_mut(j) {
                b.fixed = None;
            }
        });
        self.wake(0.2);
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
                self.rest.try_update_value(|rest| {
                    while now() - start < budget {
                        // At rest every rule holds exactly: regions, hierarchy, labels apart.
                        if rest.step(s) {
                            return true;
                        }
                    }
                    false
                })
            });
            let settled = settled.flatten();
            // The map may have been taken down since the frame was requested.
            let Some(settled) = settled else { return };
            if !first || settled {
                self.publish();
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

pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
