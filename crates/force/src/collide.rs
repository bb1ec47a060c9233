//! Keeps labelled nodes from overlapping. Each body is a rectangle (its symbol plus its label),
//! not a circle: labels are wide and short, and circles would either overlap labels or waste
//! the vertical space an organization chart needs. Candidates come from a uniform grid, so a
//! pass costs about O(n) for evenly sized labels.
//!
//! Used two ways: as a [`Force`] it nudges velocities (soft, like d3's forceCollide); as a
//! [`Constraint`] it moves positions apart after integration, so that labels end up truly apart.

use std::collections::HashMap;

use super::{jiggle, Body, Constraint, Force, Lcg};

pub struct Collide {
    /// Half width and half height of each body's box, padding included.
    pub half_extents: Vec<(f64, f64)>,
    /// Centre of each body's box relative to the body (a label sits to the right of its node).
    pub offsets: Vec<(f64, f64)>,
    /// 0..1: how much of an overlap is corrected per pass.
    pub strength: f64,
    grid: HashMap<(i64, i64), Vec<u32>>,
    rng: Lcg,
}

impl Collide {
    pub fn new(half_extents: Vec<(f64, f64)>) -> Self {
        Self {
            half_extents,
            offsets: Vec::new(),
            strength: 0.7,
            grid: HashMap::new(),
            rng: Lcg::new(0),
        }
    }

    pub fn with_offsets(mut self, offsets: Vec<(f64, f64)>) -> Self {
        self.offsets = offsets;
        self
    }

    /// One pass over all overlapping pairs. With `predict`, boxes are taken where the bodies
    /// are heading (x + vx) and velocities are changed; otherwise positions are moved.
    /// Returns the number of overlapping pairs found.
    pub fn pass(&mut self, bodies: &mut [Body], predict: bool, rng: &mut Lcg) -> usize {
        let n = bodies.len();
        self.half_extents.resize(n, (5.0, 5.0));
        self.offsets.resize(n, (0.0, 0.0));
        let cell = self
            .half_extents
            .iter()
            .fold(1.0f64, |m, &(w, h)| m.max(2.0 * w).max(2.0 * h));
        let key = |x: f64, y: f64| ((x / cell).floor() as i64, (y / cell).floor() as i64);
        let centre = |b: &Body, o: (f64, f64)| {
            if predict {
                (b.x + b.vx + o.0, b.y + b.vy + o.1)
            } else {
                (b.x + o.0, b.y + o.1)
            }
        };
        for list in self.grid.values_mut() {
            list.clear();
        }
        for (i, b) in bodies.iter().enumerate() {
            let (x, y) = centre(b, self.offsets[i]);
            if x.is_finite() && y.is_finite() {
                self.grid.entry(key(x, y)).or_default().push(i as u32);
            }
        }
        let mut found = 0;
        for i in 0..n {
            let (xi, yi) = centre(&bodies[i], self.offsets[i]);
            if !(xi.is_finite() && yi.is_finite()) {
                continue;
            }
            let (wi, hi) = self.half_extents[i];
            let (cx, cy) = key(xi, yi);
            // Far out (|x| / cell beyond i64) the cell number saturates: the neighbours must too.
            for gx in cx.saturating_sub(1)..=cx.saturating_add(1) {
                for gy in cy.saturating_sub(1)..=cy.saturating_add(1) {
                    let Some(list) = self.grid.get(&(gx, gy)) else {
                        continue;
                    };
                    for &j in list {
                        let j = j as usize;
                        if j <= i {
                            continue;
                        }
                        let (wj, hj) = self.half_extents[j];
                        let (xj, yj) = centre(&bodies[j], self.offsets[j]);
                        let (mut dx, mut dy) = (xj - xi, yj - yi);
                        let ox = wi + wj - dx.abs();
                        let oy = hi + hj - dy.abs();
                        if ox <= 0.0 || oy <= 0.0 {
                            continue;
                        }
                        found += 1;
                        if dx == 0.0 {
                            dx = jiggle(rng);
                        }
                        if dy == 0.0 {
                            dy = jiggle(rng);
                        }
                        // Separate along the axis that needs the smaller move; a pinned body
                        // does not move, so the other takes the whole correction.
                        // A hair more than the overlap, so that rounding cannot leave boxes touching.
                        let (px, py) = if ox < oy {
                            ((ox + 0.01) * dx.signum(), 0.0)
                        } else {
                            (0.0, (oy + 0.01) * dy.signum())
                        };
                        let (si, sj) = match (bodies[i].fixed.is_some(), bodies[j].fixed.is_some())
                        {
                            (true, true) => (0.0, 0.0),
                            (true, false) => (0.0, 1.0),
                            (false, true) => (1.0, 0.0),
                            (false, false) => (0.5, 0.5),
                        };
                        let k = self.strength;
                        if predict {
                            bodies[i].vx -= px * k * si;
                            bodies[i].vy -= py * k * si;
                            bodies[j].vx += px * k * sj;
                            bodies[j].vy += py * k * sj;
                        } else {
                            bodies[i].x -= px * k * si;
                            bodies[i].y -= py * k * si;
                            bodies[j].x += px * k * sj;
                            bodies[j].y += py * k * sj;
                        }
                    }
                }
            }
        }
        found
    }
}

impl Force for Collide {
    fn initialize(&mut self, bodies: &[Body], _rng: &mut Lcg) {
        self.half_extents.resize(bodies.len(), (5.0, 5.0));
    }

    fn apply(&mut self, bodies: &mut [Body], _alpha: f64, rng: &mut Lcg) {
        self.pass(bodies, true, rng);
    }
}

impl Constraint for Collide {
    fn apply(&mut self, bodies: &mut [Body]) -> bool {
        let mut rng = std::mem::replace(&mut self.rng, Lcg::new(0));
        let found = self.pass(bodies, false, &mut rng);
        self.rng = rng;
        found == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Simulation;

    fn apart(bodies: &[Body], w: f64, h: f64, slack: f64) -> Result<(), String> {
        for i in 0..bodies.len() {
            for j in i + 1..bodies.len() {
                let (a, b) = (bodies[i], bodies[j]);
                if (a.x - b.x).abs() < 2.0 * w - slack && (a.y - b.y).abs() < 2.0 * h - slack {
                    return Err(format!("{i} and {j} overlap: {a:?} {b:?}"));
                }
            }
        }
        Ok(())
    }

    fn cluster() -> Vec<Body> {
        (0..30)
            .map(|i| Body {
                x: i as f64 * 0.5,
                y: (i % 3) as f64,
                ..Body::default()
            })
            .collect()
    }

    #[test]
    fn as_a_force_overlapping_boxes_end_nearly_apart() {
        let mut sim = Simulation::new(cluster(), 3);
        sim.add_force(Collide::new(vec![(20.0, 6.0); 30]));
        sim.run(300);
        apart(&sim.bodies, 20.0, 6.0, 2.0).unwrap();
    }

    #[test]
    fn as_a_constraint_overlapping_boxes_end_exactly_apart() {
        let mut bodies = cluster();
        let mut c = Collide::new(vec![(20.0, 6.0); 30]);
        c.strength = 1.0;
        let mut passes = 0;
        while !Constraint::apply(&mut c, &mut bodies) && passes < 2000 {
            passes += 1;
        }
        apart(&bodies, 20.0, 6.0, 0.0).unwrap();
    }

    #[test]
    fn a_pinned_body_is_not_pushed() {
        let mut bodies = vec![
            Body {
                fixed: Some((0.0, 0.0)),
                ..Body::default()
            },
            Body {
                x: 1.0,
                y: 1.0,
                ..Body::default()
            },
        ];
        let mut c = Collide::new(vec![(10.0, 10.0); 2]);
        c.strength = 1.0;
        Constraint::apply(&mut c, &mut bodies);
        assert_eq!((bodies[0].x, bodies[0].y), (0.0, 0.0));
        assert!(bodies[1].x >= 20.0 || bodies[1].y >= 20.0);
    }
}
