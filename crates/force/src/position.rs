//! Pulls each body towards its own target coordinate: this is how countries get their regions
//! and the hierarchy its layers. One target and strength per body.

use super::{Body, Force, Lcg};

/// Pulls bodies horizontally towards `targets[i]` with `strengths[i]`.
pub struct PositionX {
    pub targets: Vec<f64>,
    pub strengths: Vec<f64>,
}

/// Pulls bodies vertically towards `targets[i]` with `strengths[i]`.
pub struct PositionY {
    pub targets: Vec<f64>,
    pub strengths: Vec<f64>,
}

impl Force for PositionX {
    fn apply(&mut self, bodies: &mut [Body], alpha: f64, _rng: &mut Lcg) {
        for ((b, t), s) in bodies.iter_mut().zip(&self.targets).zip(&self.strengths) {
            b.vx += (t - b.x) * s * alpha;
        }
    }
}

impl Force for PositionY {
    fn apply(&mut self, bodies: &mut [Body], alpha: f64, _rng: &mut Lcg) {
        for ((b, t), s) in bodies.iter_mut().zip(&self.targets).zip(&self.strengths) {
            b.vy += (t - b.y) * s * alpha;
        }
    }
}
