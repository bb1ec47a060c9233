//! Every body repels (or attracts) every other, approximated with Barnes–Hut: a distant cell
//! acts as one body at its centre of charge. Same model and defaults as d3's forceManyBody.

use super::quadtree::QuadTree;
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
    points: Vec<(f64, f64)>,
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
        self.tree = QuadTree::build(&self.points, &self.strengths);
        if self.tree.cells.is_empty() {
            return;
        }
        let theta2 = self.theta * self.theta;
        let (min2, max2) = (self.distance_min * self.distance_min, self.distance_max * self.distance_max);
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        for (i, body) in bodies.iter_mut().enumerate() {
            let (bx, by) = (body.x, body.y);
            stack.clear();
            stack.push(0);
            while let Some(c) = stack.pop() {
                let q = &self.tree.cells[c];
                if q.charge == 0.0 {
                    continue;
                }
                let (mut dx, mut dy) = (q.cx - bx, q.cy - by);
                let mut l = dx * dx + dy * dy;
                let far = q.size * q.size / theta2 < l;
                if far || q.is_leaf() {
                    if far {
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
                            body.vx += dx * q.charge * alpha / l;
                            body.vy += dy * q.charge * alpha / l;
                        }
                        continue;
                    }
                    // A near leaf: exact pairwise force with each other point in it.
                    for &j in &q.points {
                        let j = j as usize;
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
                        body.vx += dx * w;
                        body.vy += dy * w;
                    }
                    continue;
                }
                stack.extend(q.children());
            }
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
            assert!((g.vx - ex).abs() < 1e-9 && (g.vy - ey).abs() < 1e-9, "{} vs {ex}", g.vx);
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
        let err: f64 = got.iter().zip(&want).map(|(g, w)| (g.vx - w.0).hypot(g.vy - w.1)).sum();
        let norm: f64 = want.iter().map(|w| w.0.hypot(w.1)).sum();
        assert!(err / norm < 0.1, "relative error {}", err / norm);
    }

    use crate::Simulation;
}
