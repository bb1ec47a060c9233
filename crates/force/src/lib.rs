//! A force-directed layout engine: no dependencies, no web, no allocation per tick.
//!
//! Shaped after d3-force: a [`Simulation`] only integrates — it cools `alpha`, asks each
//! [`Force`] to nudge velocities, then moves the bodies. Each force is a small unit with one job
//! in its own file. Alliance Map composes these forces into an organization map in
//! `alliance_map::layout::organization`.
//!
//! A crate of its own so that it can be compiled at opt-level 3 while the rest of the wasm is
//! optimized for size (the hot loops run 2–2.6x slower at opt-level "z"), and so that the
//! benchmark can build it to wasm without the UI.

mod align;
mod bounds;
mod center;
mod collide;
mod link;
mod many_body;
mod position;
pub mod quadtree;
mod rng;

pub use align::AlignY;
pub use bounds::{Below, Bounds};
pub use center::Center;
pub use collide::Collide;
pub use link::Link;
pub use many_body::ManyBody;
pub use position::{PositionX, PositionY};
pub use rng::Lcg;

/// A point the simulation moves. `fixed` pins it (a node the reader dragged).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Body {
    pub x: f64,
    pub y: f64,
    pub vx: f64,
    pub vy: f64,
    pub fixed: Option<(f64, f64)>,
}

/// One force: set up once for the bodies, then applied every tick.
pub trait Force: Send + Sync {
    /// Called when the bodies change (count or identity). Precompute per-body values here.
    fn initialize(&mut self, _bodies: &[Body], _rng: &mut Lcg) {}
    /// Adds to the bodies' velocities, scaled by the simulation's `alpha`.
    fn apply(&mut self, bodies: &mut [Body], alpha: f64, rng: &mut Lcg);
}

/// A rule on positions, enforced after each integration step (forces change velocities;
/// constraints move bodies). d3 has no such notion; an organization map needs a few hard
/// rules — a body stays in its country's region, a child stays below its parent, labels never
/// overlap — that soft forces only approximate. Pinned bodies are never moved.
pub trait Constraint: Send + Sync {
    /// Enforces the rule once; returns true when nothing had to be moved.
    fn apply(&mut self, bodies: &mut [Body]) -> bool;
}

/// Integrates forces with d3's cooling schedule.
pub struct Simulation {
    pub bodies: Vec<Body>,
    forces: Vec<Box<dyn Force>>,
    constraints: Vec<Box<dyn Constraint>>,
    pub alpha: f64,
    pub alpha_min: f64,
    pub alpha_decay: f64,
    pub alpha_target: f64,
    pub velocity_decay: f64,
    rng: Lcg,
}

impl Simulation {
    /// Bodies start on a phyllotaxis spiral, as in d3, unless they already have positions.
    pub fn new(bodies: Vec<Body>, seed: u32) -> Self {
        Self {
            bodies,
            forces: Vec::new(),
            constraints: Vec::new(),
            alpha: 1.0,
            alpha_min: 0.001,
            // d3: 1 - 0.001^(1/300), i.e. cool from 1 to alpha_min in 300 ticks.
            alpha_decay: 1.0 - libm::pow(0.001, 1.0 / 300.0),
            alpha_target: 0.0,
            velocity_decay: 0.4,
            rng: Lcg::new(seed),
        }
    }

    /// Places bodies on the d3 phyllotaxis spiral around the origin.
    pub fn phyllotaxis(n: usize) -> Vec<Body> {
        let angle = std::f64::consts::PI * (3.0 - 5f64.sqrt());
        (0..n)
            .map(|i| {
                let r = 10.0 * (0.5 + i as f64).sqrt();
                let a = i as f64 * angle;
                Body {
                    x: r * libm::cos(a),
                    y: r * libm::sin(a),
                    ..Body::default()
                }
            })
            .collect()
    }

    pub fn add_force(&mut self, mut force: impl Force + 'static) -> &mut Self {
        force.initialize(&self.bodies, &mut self.rng);
        self.forces.push(Box::new(force));
        self
    }

    pub fn add_constraint(&mut self, constraint: impl Constraint + 'static) -> &mut Self {
        self.constraints.push(Box::new(constraint));
        self
    }

    /// Enforces the constraints, in order, until all hold or `passes` are used; returns true
    /// when all hold.
    pub fn enforce(&mut self, passes: usize) -> bool {
        for _ in 0..passes {
            let mut all = true;
            for c in &mut self.constraints {
                all &= c.apply(&mut self.bodies);
            }
            if all {
                return true;
            }
        }
        false
    }

    /// One step: cool, apply every force, move, enforce the constraints once.
    pub fn tick(&mut self) {
        self.alpha += (self.alpha_target - self.alpha) * self.alpha_decay;
        for force in &mut self.forces {
            force.apply(&mut self.bodies, self.alpha, &mut self.rng);
        }
        let keep = 1.0 - self.velocity_decay;
        for b in &mut self.bodies {
            match b.fixed {
                Some((fx, fy)) => {
                    b.x = fx;
                    b.y = fy;
                    b.vx = 0.0;
                    b.vy = 0.0;
                }
                None => {
                    b.vx *= keep;
                    b.vy *= keep;
                    b.x += b.vx;
                    b.y += b.vy;
                }
            }
        }
        for c in &mut self.constraints {
            c.apply(&mut self.bodies);
        }
    }

    /// True once the simulation has cooled below `alpha_min`.
    pub fn settled(&self) -> bool {
        self.alpha < self.alpha_min
    }

    /// Ticks until settled or `max_ticks` have run; returns the number of ticks run.
    pub fn run(&mut self, max_ticks: usize) -> usize {
        let mut n = 0;
        while !self.settled() && n < max_ticks {
            self.tick();
            n += 1;
        }
        n
    }

    /// Warms the simulation up again, e.g. after a drag, without starting from scratch.
    pub fn reheat(&mut self, alpha: f64) {
        self.alpha = self.alpha.max(alpha);
    }
}

/// d3's jiggle: a tiny random offset that separates coincident points.
fn jiggle(rng: &mut Lcg) -> f64 {
    (rng.next_f64() - 0.5) * 1e-6
}

/// A simulation coming to rest one step at a time: ticks while it is warm, then passes of the
/// constraints until every one holds (at most `max_passes`), then positions rounded to
/// [`REST_GRID`].
///
/// The browser spreads these steps over animation frames under a time budget; the build runs
/// them in one go to ship a layout with the page. Both take the same steps in the same order,
/// so they reach the same positions bit for bit, however the steps were sliced.
#[derive(Clone, Copy, Debug)]
pub struct Rest {
    passes: usize,
    max_passes: usize,
    done: bool,
}

/// Bodies at rest sit on a grid of 1/64 unit: far below what a screen shows, and it makes the
/// numbers short and exact in decimal, so a layout made ahead of time is cheap to ship and
/// reads back bit for bit.
pub const REST_GRID: f64 = 64.0;

impl Rest {
    pub fn new(max_passes: usize) -> Self {
        Rest {
            passes: 0,
            max_passes,
            done: false,
        }
    }

    /// Takes one step; true once the simulation is at rest (and from then on, without moving
    /// anything).
    pub fn step(&mut self, sim: &mut Simulation) -> bool {
        if self.done {
            return true;
        }
        if !sim.settled() {
            sim.tick();
            return false;
        }
        if self.passes >= self.max_passes || sim.enforce(1) {
            for b in &mut sim.bodies {
                b.x = (b.x * REST_GRID).round() / REST_GRID;
                b.y = (b.y * REST_GRID).round() / REST_GRID;
            }
            self.done = true;
            return true;
        }
        self.passes += 1;
        false
    }

    /// Steps until at rest.
    pub fn run(mut self, sim: &mut Simulation) {
        while !self.step(sim) {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cools_from_one_to_alpha_min_in_300_ticks() {
        let mut sim = Simulation::new(Simulation::phyllotaxis(3), 1);
        assert_eq!(sim.run(10_000), 300);
        assert!(sim.settled());
    }

    #[test]
    fn pinned_bodies_stay_where_they_were_pinned() {
        let mut bodies = Simulation::phyllotaxis(20);
        bodies[0].fixed = Some((123.0, -45.0));
        let mut sim = Simulation::new(bodies, 7);
        sim.add_force(ManyBody::new(-30.0));
        sim.run(50);
        assert_eq!((sim.bodies[0].x, sim.bodies[0].y), (123.0, -45.0));
        assert!(sim.bodies[1].x != Simulation::phyllotaxis(20)[1].x);
    }
}
