//! Keeps the drawing's centre of mass at a point, by translating everything at once.

use super::{Body, Force, Lcg};

pub struct Center {
    pub x: f64,
    pub y: f64,
}

impl Force for Center {
    fn apply(&mut self, bodies: &mut [Body], _alpha: f64, _rng: &mut Lcg) {
        if bodies.is_empty() {
            return;
        }
        let n = bodies.len() as f64;
        let (sx, sy) = bodies
            .iter()
            .fold((0.0, 0.0), |(x, y), b| (x + b.x, y + b.y));
        let (dx, dy) = (sx / n - self.x, sy / n - self.y);
        for b in bodies.iter_mut().filter(|b| b.fixed.is_none()) {
            b.x -= dx;
            b.y -= dy;
        }
    }
}
