//! Pulls pairs of bodies to the same height: functional counterparts in two countries face
//! each other across the map, which makes the two organization charts read as a mirrored
//! comparison.

use super::{Body, Force, Lcg};

pub struct AlignY {
    pub pairs: Vec<(usize, usize)>,
    pub strength: f64,
}

impl Force for AlignY {
    fn apply(&mut self, bodies: &mut [Body], alpha: f64, _rng: &mut Lcg) {
        for &(a, b) in &self.pairs {
            if a >= bodies.len() || b >= bodies.len() || a == b {
                continue;
            }
            // Where the two are heading, as d3's link force does: with strength up to 1 each
            // pair then only moves them towards each other, never past, however many pairs a
            // body is in. (Pulling from the current positions overshot, and diverged once a body
            // was in about 20 pairs.)
            let (ya, yb) = (bodies[a].y + bodies[a].vy, bodies[b].y + bodies[b].vy);
            let mid = (ya + yb) / 2.0;
            let k = self.strength * alpha;
            bodies[a].vy += (mid - ya) * k;
            bodies[b].vy += (mid - yb) * k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Simulation;

    #[test]
    fn a_pair_ends_at_the_same_height() {
        let bodies = vec![
            Body {
                x: 0.0,
                y: 0.0,
                ..Body::default()
            },
            Body {
                x: 100.0,
                y: 80.0,
                ..Body::default()
            },
        ];
        let mut sim = Simulation::new(bodies, 1);
        sim.add_force(AlignY {
            pairs: vec![(0, 1)],
            strength: 0.5,
        });
        sim.run(300);
        assert!((sim.bodies[0].y - sim.bodies[1].y).abs() < 1.0);
        assert_eq!((sim.bodies[0].x, sim.bodies[1].x), (0.0, 100.0));
    }
}
