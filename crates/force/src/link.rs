//! Springs along the relations. Same model as d3's forceLink: each spring's strength is
//! 1 / min(degree of its ends), and the correction is shared in proportion to degree, so hubs
//! move less than leaves.

use super::{jiggle, Body, Force, Lcg};

pub struct Link {
    pub links: Vec<(usize, usize)>,
    /// Rest length per link.
    pub distances: Vec<f64>,
    pub strengths: Vec<f64>,
    bias: Vec<f64>,
    pub iterations: usize,
    default_distance: f64,
}

impl Link {
    pub fn new(links: Vec<(usize, usize)>, distance: f64) -> Self {
        Self {
            links,
            distances: Vec::new(),
            strengths: Vec::new(),
            bias: Vec::new(),
            iterations: 1,
            default_distance: distance,
        }
    }
}

impl Force for Link {
    fn initialize(&mut self, bodies: &[Body], _rng: &mut Lcg) {
        self.links
            .retain(|&(s, t)| s < bodies.len() && t < bodies.len());
        let mut degree = vec![0usize; bodies.len()];
        for &(s, t) in &self.links {
            degree[s] += 1;
            degree[t] += 1;
        }
        if self.distances.len() != self.links.len() {
            self.distances = vec![self.default_distance; self.links.len()];
        }
        if self.strengths.len() != self.links.len() {
            self.strengths = self
                .links
                .iter()
                .map(|&(s, t)| 1.0 / degree[s].min(degree[t]).max(1) as f64)
                .collect();
        }
        self.bias = self
            .links
            .iter()
            .map(|&(s, t)| degree[s] as f64 / (degree[s] + degree[t]) as f64)
            .collect();
    }

    fn apply(&mut self, bodies: &mut [Body], alpha: f64, rng: &mut Lcg) {
        for _ in 0..self.iterations {
            for (k, &(s, t)) in self.links.iter().enumerate() {
                let (a, b) = (bodies[s], bodies[t]);
                let mut x = b.x + b.vx - a.x - a.vx;
                let mut y = b.y + b.vy - a.y - a.vy;
                if x == 0.0 {
                    x = jiggle(rng);
                }
                if y == 0.0 {
                    y = jiggle(rng);
                }
                let l = (x * x + y * y).sqrt();
                let f = (l - self.distances[k]) / l * alpha * self.strengths[k];
                let (x, y) = (x * f, y * f);
                let bias = self.bias[k];
                bodies[t].vx -= x * bias;
                bodies[t].vy -= y * bias;
                bodies[s].vx += x * (1.0 - bias);
                bodies[s].vy += y * (1.0 - bias);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Simulation;

    #[test]
    fn a_spring_settles_at_its_rest_length() {
        let bodies = vec![
            Body {
                x: 0.0,
                y: 0.0,
                ..Body::default()
            },
            Body {
                x: 200.0,
                y: 0.0,
                ..Body::default()
            },
        ];
        let mut sim = Simulation::new(bodies, 1);
        sim.add_force(Link::new(vec![(0, 1)], 50.0));
        sim.run(1000);
        let d = (sim.bodies[1].x - sim.bodies[0].x).hypot(sim.bodies[1].y - sim.bodies[0].y);
        assert!((d - 50.0).abs() < 2.0, "distance {d}");
    }
}
