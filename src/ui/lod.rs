//! Level of detail: which labels the map shows at the current zoom. Labels keep one size on
//! screen ([`LABEL_PX`]); what changes with the zoom is how many fit. The choice itself is
//! [`labels::place`] in the core; this only feeds it the screen geometry.

use leptos::prelude::*;

use super::gestures::Camera;
use super::settle::Layout;
use super::state::MapState;
use crate::layout::labels::{self, Candidate, LABEL_PX};
use crate::layout::organization::{LABEL_GAP, NODE_RADIUS};

/// On-screen size of the "+N" badge of a folded body (0.85 em of a label, see style.css).
const BADGE_PX: f64 = LABEL_PX * 0.85;

/// Per dataset node: is its label shown at this zoom (before hover, focus and selection,
/// which always show theirs).
pub fn shown_labels(state: MapState, layout: Layout, camera: Camera) -> Memo<Vec<bool>> {
    Memo::new(move |_| {
        let k = camera.transform.with(|t| t.k);
        let vis = state.visible.get();
        let selected = state.selected.get();
        let path = state.on_path.get();
        layout.positions.with(|pos| {
            layout.labels.with_value(|lines| {
                let candidates: Vec<Candidate> = pos
                    .iter()
                    .zip(lines.iter())
                    .zip(vis.nodes.iter().zip(&vis.folded))
                    .map(|((&(x, y), l), (&on, &folded))| {
                        let (w, h) = labels::size(l, LABEL_PX);
                        let lead = if folded > 0 {
                            labels::line_width(&format!("+{folded}"), BADGE_PX) + 3.0
                        } else {
                            0.0
                        };
                        if on {
                            Candidate {
                                x: x * k,
                                y: y * k,
                                r: NODE_RADIUS * k,
                                w,
                                h,
                                lead,
                            }
                        } else {
                            Candidate {
                                x: f64::NAN,
                                y: f64::NAN,
                                r: 0.0,
                                w,
                                h,
                                lead,
                            }
                        }
                    })
                    .collect();
                // The reader's own choices first, then the layout's order of importance.
                let mut order: Vec<usize> = selected.into_iter().collect();
                let mut on_path: Vec<usize> = path.nodes.iter().copied().collect();
                on_path.sort_unstable();
                order.extend(on_path);
                layout
                    .importance
                    .with(|imp| order.extend(imp.iter().copied()));
                labels::place(&candidates, &order, LABEL_GAP)
            })
        })
    })
}
