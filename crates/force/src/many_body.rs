//! Every body repels (or attracts) every other, approximated with Barnes–Hut: a distant cell
//! acts as one body at its centre of charge. Same model and defaults as d3's forceManyBody.

use super::quadtree::{QuadTree, NONE};
use super::{jiggle, Body, Force, Lcg};

pub struct ManyBody {
    /// Charge of each body; negative repels.
    pub strengths: Vec<f64>,
    default_strength: f64,
    /// Barnes–Hut accuracy: a cell of width w at distance l is used whole when w / l < theta.
    pub theta: f64,
    pub distance_min: f64,
    pub distance_max: f64,
    tree: QuadTree,
    // Scratch space reused every tick.
    points: Vec<(f64, f64)>,
    open: Vec<f64>,
    order: Vec<usize>,
    stack: Vec<usize>,
}

impl ManyBody {
    pub fn new(strength: f64) -> Self {
        Self {
            strengths: Vec::new(),
            default_strength: strength,
            theta: 0.9,
            distance_min: 1.0,
            distance_max: f64::INFINITY,
            tree: QuadTree::default(),
            points: Vec::new(),
            open: Vec::new(),
            order: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// A charge per body instead of one for all.
    pub fn with_strengths(strengths: Vec<f64>) -> Self {
        let mut f = Self::new(-30.0);
        f.strengths = strengths;
        f
    }
}

impl Force for ManyBody {
    fn initialize(&mut self, bodies: &[Body], _rng: &mut Lcg) {
        if self.strengths.len() != bodies.len() {
            self.strengths = vec![self.default_strength; bodies.len()];
        }
    }

    fn apply(&mut self, bodies: &mut [Body], alpha: f64, rng: &mut Lcg) {
        self.points.clear();
        self.points.extend(bodies.iter().map(|b| (b.x, b.y)));
        self.tree.rebuild(&self.points, &self.strengths);
        if self.tree.cells.is_empty() {
            return;
        }
        // Per cell, the squared distance beyond which it acts as one body: (size / theta)².
        let theta2 = self.theta * self.theta;
        self.open.clear();
        self.open
            .extend(self.tree.cells.iter().map(|q| q.size * q.size / theta2));
        // Visit bodies in tree order: neighbours walk nearly the same cells one after the
        // other, which keeps those cells in cache. The order is a function of the positions
        // alone, so results stay bit-identical for the same seed.
        self.order.clear();
        self.stack.clear();
        self.stack.push(0);
        while let Some(c) = self.stack.pop() {
            let q = &self.tree.cells[c];
            self.order.extend(self.tree.leaf_points(q));
            self.stack.extend(
                q.children
                    .iter()
                    .filter(|&&k| k != NONE)
                    .map(|&k| k as usize),
            );
        }
        let (min2, max2) = (
            self.distance_min * self.distance_min,
            self.distance_max * self.distance_max,
        );
        for &i in &self.order {
            let (bx, by) = self.points[i];
            let (mut vx, mut vy) = (0.0, 0.0);
            self.stack.clear();
            self.stack.push(0);
            while let Some(c) = self.stack.pop() {
                let q = &self.tree.cells[c];
                if q.charge == 0.0 {
                    continue;
                }
                let (mut dx, mut dy) = (q.cx - bx, q.cy - by);
                let mut l = dx * dx + dy * dy;
                if self.open[c] < l {
                    // Far enough: the whole cell acts as one body at its centre of charge.
                    if l < max2 {
                        if dx == 0.0 {
                            dx = jiggle(rng);
                            l += dx * dx;
                        }
                        if dy == 0.0 {
                            dy = jiggle(rng);
                            l += dy * dy;
                        }
                        if l < min2 {
                            l = (min2 * l).sqrt();
                        }
                        let w = q.charge * alpha / l;
                        vx += dx * w;
                        vy += dy * w;
                    }
                } else if q.first != NONE {
                    // A near leaf: exact pairwise force with each other point in it.
                    for j in self.tree.leaf_points(q) {
                        if j == i {
                            continue;
                        }
                        let (px, py) = self.points[j];
                        let (mut dx, mut dy) = (px - bx, py - by);
                        if dx == 0.0 {
                            dx = jiggle(rng);
                        }
                        if dy == 0.0 {
                            dy = jiggle(rng);
                        }
                        let mut l = dx * dx + dy * dy;
                        if l >= max2 {
                            continue;
                        }
                        if l < min2 {
                            l = (min2 * l).sqrt();
                        }
                        let w = self.strengths[j] * alpha / l;
                        vx += dx * w;
                        vy += dy * w;
                    }
                } else {
                    for k in q.children {
                        if k != NONE {
                            self.stack.push(k as usize);
                        }
                    }
                }
            }
            bodies[i].vx += vx;
            bodies[i].vy += vy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(bodies: &[Body], strength: f64, alpha: f64) -> Vec<(f64, f64)> {
        bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let (mut vx, mut vy) = (0.0, 0.0);
                for (j, o) in bodies.iter().enumerate() {
                    if i != j {
                        let (dx, dy) = (o.x - b.x, o.y - b.y);
                        let l = (dx * dx + dy * dy).max(1.0);
                        vx += dx * strength * alpha / l;
                        vy += dy * strength * alpha / l;
                    }
                }
                (vx, vy)
            })
            .collect()
    }

    #[test]
    fn barnes_hut_with_theta_zero_equals_the_exact_sum() {
        let bodies = Simulation::phyllotaxis(60);
        let mut f = ManyBody::new(-30.0);
        f.theta = 1e-9;
        let mut rng = Lcg::new(1);
        let mut got = bodies.clone();
        f.initialize(&got, &mut rng);
        f.apply(&mut got, 0.5, &mut rng);
        for (g, (ex, ey)) in got.iter().zip(exact(&bodies, -30.0, 0.5)) {
            assert!(
                (g.vx - ex).abs() < 1e-9 && (g.vy - ey).abs() < 1e-9,
                "{} vs {ex}",
                g.vx
            );
        }
    }

    #[test]
    fn barnes_hut_stays_close_to_exact_at_default_theta() {
        let bodies = Simulation::phyllotaxis(300);
        let mut f = ManyBody::new(-30.0);
        let mut rng = Lcg::new(1);
        let mut got = bodies.clone();
        f.initialize(&got, &mut rng);
        f.apply(&mut got, 1.0, &mut rng);
        let want = exact(&bodies, -30.0, 1.0);
        let err: f64 = got
            .iter()
            .zip(&want)
            .map(|(g, w)| (g.vx - w.0).hypot(g.vy - w.1))
            .sum();
        let norm: f64 = want.iter().map(|w| w.0.hypot(w.1)).sum();
        assert!(err / norm < 0.1, "relative error {}", err / norm);
    }

    use crate::Simulation;
}
