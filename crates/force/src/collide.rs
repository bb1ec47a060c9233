//! Keeps labelled nodes from overlapping. Each body is a rectangle (its symbol plus its label),
//! not a circle: labels are wide and short, and circles would either overlap labels or waste
//! the vertical space an organization chart needs. Candidates come from a uniform grid, so a
//! tick costs about O(n) for evenly sized labels.

use std::collections::HashMap;

use super::{jiggle, Body, Force, Lcg};

pub struct Collide {
    /// Half width and half height of each body's box, padding included.
    pub half_extents: Vec<(f64, f64)>,
    /// 0..1: how much of an overlap is corrected per tick.
    pub strength: f64,
    grid: HashMap<(i64, i64), Vec<u32>>,
}

impl Collide {
    pub fn new(half_extents: Vec<(f64, f64)>) -> Self {
        Self { half_extents, strength: 0.7, grid: HashMap::new() }
    }
}

impl Force for Collide {
    fn initialize(&mut self, bodies: &[Body], _rng: &mut Lcg) {
        self.half_extents.resize(bodies.len(), (5.0, 5.0));
    }

    fn apply(&mut self, bodies: &mut [Body], _alpha: f64, rng: &mut Lcg) {
        let cell = self.half_extents.iter().fold(1.0f64, |m, &(w, h)| m.max(2.0 * w).max(2.0 * h));
        let key = |x: f64, y: f64| ((x / cell).floor() as i64, (y / cell).floor() as i64);
        for list in self.grid.values_mut() {
            list.clear();
        }
        for (i, b) in bodies.iter().enumerate() {
            let (x, y) = (b.x + b.vx, b.y + b.vy);
            if x.is_finite() && y.is_finite() {
                self.grid.entry(key(x, y)).or_default().push(i as u32);
            }
        }
        for i in 0..bodies.len() {
            let (xi, yi) = (bodies[i].x + bodies[i].vx, bodies[i].y + bodies[i].vy);
            if !(xi.is_finite() && yi.is_finite()) {
                continue;
            }
            let (wi, hi) = self.half_extents[i];
            let (cx, cy) = key(xi, yi);
            for gx in cx - 1..=cx + 1 {
                for gy in cy - 1..=cy + 1 {
                    let Some(list) = self.grid.get(&(gx, gy)) else { continue };
                    for &j in list {
                        let j = j as usize;
                        if j <= i {
                            continue;
                        }
                        let (wj, hj) = self.half_extents[j];
                        let mut dx = bodies[j].x + bodies[j].vx - xi;
                        let mut dy = bodies[j].y + bodies[j].vy - yi;
                        let ox = wi + wj - dx.abs();
                        let oy = hi + hj - dy.abs();
                        if ox <= 0.0 || oy <= 0.0 {
                            continue;
                        }
                        if dx == 0.0 {
                            dx = jiggle(rng);
                        }
                        if dy == 0.0 {
                            dy = jiggle(rng);
                        }
                        // Separate along the axis that needs the smaller move.
                        let (push_x, push_y) = if ox < oy {
                            (ox * dx.signum() * self.strength / 2.0, 0.0)
                        } else {
                            (0.0, oy * dy.signum() * self.strength / 2.0)
                        };
                        bodies[i].vx -= push_x;
                        bodies[i].vy -= push_y;
                        bodies[j].vx += push_x;
                        bodies[j].vy += push_y;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Simulation;

    #[test]
    fn overlapping_boxes_end_apart() {
        let bodies: Vec<Body> = (0..30).map(|i| Body { x: i as f64 * 0.5, y: (i % 3) as f64, ..Body::default() }).collect();
        let ext = vec![(20.0, 6.0); 30];
        let mut sim = Simulation::new(bodies, 3);
        sim.add_force(Collide::new(ext.clone()));
        sim.run(300);
        for i in 0..30 {
            for j in i + 1..30 {
                let (a, b) = (sim.bodies[i], sim.bodies[j]);
                let apart = (a.x - b.x).abs() >= 40.0 - 2.0 || (a.y - b.y).abs() >= 12.0 - 2.0;
                assert!(apart, "{i} and {j} overlap: {a:?} {b:?}");
            }
        }
    }
}
