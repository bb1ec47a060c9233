//! The seeded random source of the simulation, so that the same data and seed give
//! bit-identical positions on every machine (the browser and native tests agree).

/// d3's linear congruential generator (same constants), seeded.
#[derive(Clone, Debug)]
pub struct Lcg(u32);

impl Lcg {
    pub fn new(seed: u32) -> Self {
        Self(seed)
    }

    /// A number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        f64::from(self.0) / 4_294_967_296.0
    }
}
