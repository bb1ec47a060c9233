//! Constraints that keep the structure of an organization map exact rather than approximately
//! right: each body inside its region, each child below its parent.

use super::{Body, Constraint};

/// Keeps each body inside its own rectangle (a country's column, say).
pub struct Bounds {
    /// Per body: (min x, min y, max x, max y); infinite (or NaN) for no limit.
    pub boxes: Vec<(f64, f64, f64, f64)>,
}

impl Constraint for Bounds {
    fn apply(&mut self, bodies: &mut [Body]) -> bool {
        let mut ok = true;
        for (b, &(x0, y0, x1, y1)) in bodies.iter_mut().zip(&self.boxes) {
            if b.fixed.is_some() {
                continue;
            }
            let (x, y) = (within(b.x, x0, x1), within(b.y, y0, y1));
            if (x, y) != (b.x, b.y) {
                ok = false;
                b.x = x;
                b.y = y;
            }
        }
        ok
    }
}

/// `v` kept between `lo` and `hi` (`lo` wins when they cross); a NaN side is no limit, where
/// `f64::clamp` would panic.
fn within(v: f64, lo: f64, hi: f64) -> f64 {
    let lo = if lo.is_nan() { f64::NEG_INFINITY } else { lo };
    let hi = if hi.is_nan() { f64::INFINITY } else { hi };
    v.clamp(lo, hi.max(lo))
}

/// Keeps `upper` at least `gap` above `lower` for each pair (lower, upper): a child under its
/// parent. A violated pair is corrected by moving both halfway (or the free one all the way).
pub struct Below {
    pub pairs: Vec<(usize, usize)>,
    pub gap: f64,
}

impl Constraint for Below {
    fn apply(&mut self, bodies: &mut [Body]) -> bool {
        let mut ok = true;
        for &(lower, upper) in &self.pairs {
            if lower >= bodies.len() || upper >= bodies.len() || lower == upper {
                continue;
            }
            let short = bodies[upper].y + self.gap - bodies[lower].y;
            if short <= 0.0 || !short.is_finite() {
                continue;
            }
            ok = false;
            let (dl, du) = match (bodies[lower].fixed.is_some(), bodies[upper].fixed.is_some()) {
                (true, true) => (0.0, 0.0),
                (true, false) => (0.0, short),
                (false, true) => (short, 0.0),
                (false, false) => (short / 2.0, short / 2.0),
            };
            bodies[lower].y += dl;
            bodies[upper].y -= du;
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_clamp_free_bodies_only() {
        let mut bodies = vec![
            Body {
                x: -5.0,
                y: 50.0,
                ..Body::default()
            },
            Body {
                x: -5.0,
                y: 0.0,
                fixed: Some((-5.0, 0.0)),
                ..Body::default()
            },
        ];
        let mut c = Bounds {
            boxes: vec![(0.0, 0.0, 10.0, 10.0); 2],
        };
        assert!(!c.apply(&mut bodies));
        assert_eq!((bodies[0].x, bodies[0].y), (0.0, 10.0));
        assert_eq!(bodies[1].x, -5.0);
        assert!(c.apply(&mut bodies));
    }

    #[test]
    fn below_puts_a_child_under_its_parent() {
        let mut bodies = vec![
            Body {
                y: 0.0,
                ..Body::default()
            },
            Body {
                y: 10.0,
                ..Body::default()
            },
        ];
        let mut c = Below {
            pairs: vec![(0, 1)],
            gap: 20.0,
        };
        assert!(!c.apply(&mut bodies));
        assert!(bodies[0].y >= bodies[1].y + 20.0 - 1e-9);
        assert!(c.apply(&mut bodies));
    }
}
