//! An arbitrary small graph through the force engine (crate `alliance-force`) with every force
//! and constraint it has: up to 200 bodies, links with self loops, duplicates and indices out of
//! range, pinned bodies, pairs for alignment and hierarchy, boxes, label rectangles.
//!
//! Two regimes, chosen by the input:
//! - `sane`: every number is mapped into a range the map could produce (coordinates within
//!   ±5,000, the strengths and distances `layout::organization` uses up to a few times over).
//!   Every position must stay finite, and within 1e10 of the origin, after every tick.
//! - raw: numbers are used exactly as decoded, NaN, infinities and 1e308 included. The engine
//!   may then produce non-finite positions, but it must not panic or hang.

#![no_main]

use alliance_force::{
    AlignY, Below, Body, Bounds, Center, Collide, Link, ManyBody, PositionX, PositionY, Simulation,
};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const MAX_BODIES: usize = 200;
const MAX_TICKS: usize = 60;

/// Field order matters: arbitrary fills fields from the front of the input, so the cheap
/// structural choices come first and the long per-body overrides last.
#[derive(Arbitrary, Debug)]
struct Input {
    sane: bool,
    seed: u32,
    /// Number of bodies (mod MAX_BODIES + 1); they start on the phyllotaxis spiral.
    count: u8,
    /// Which forces and constraints take part, one bit each.
    forces: u16,
    ticks: u8,
    enforce: u8,
    links: Vec<(u8, u8)>,
    align: Vec<(u8, u8)>,
    below: Vec<(u8, u8)>,
    params: Params,
    /// Per-body overrides: start position, pin, box, label rectangle, target, charge.
    bodies: Vec<BodyInput>,
}

#[derive(Arbitrary, Debug)]
struct BodyInput {
    index: u8,
    x: f64,
    y: f64,
    pin: Option<(f64, f64)>,
    bounds: (f64, f64, f64, f64),
    half: (f64, f64),
    offset: (f64, f64),
    target: (f64, f64),
    target_strength: f64,
    charge: f64,
}

#[derive(Arbitrary, Debug)]
struct Params {
    link_distance: f64,
    link_iterations: u8,
    charge: f64,
    theta: f64,
    distance_min: f64,
    distance_max: f64,
    collide_strength: f64,
    align_strength: f64,
    below_gap: f64,
    center: (f64, f64),
    alpha: f64,
    alpha_min: f64,
    alpha_decay: f64,
    alpha_target: f64,
    velocity_decay: f64,
}

/// Maps a decoded number into [lo, hi] (uniformly over its bits) in the sane regime; passes
/// it through untouched otherwise.
struct Numbers {
    sane: bool,
}

impl Numbers {
    fn get(&self, v: f64, lo: f64, hi: f64) -> f64 {
        if !self.sane {
            return v;
        }
        let unit = (v.to_bits() >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * unit
    }
}

fuzz_target!(|input: Input| run(input));

fn run(input: Input) {
    let num = Numbers { sane: input.sane };
    let p = &input.params;
    let n = usize::from(input.count) % (MAX_BODIES + 1);
    let coord = |v: f64| num.get(v, -5_000.0, 5_000.0);

    let mut bodies = Simulation::phyllotaxis(n);
    let mut boxes = vec![
        (
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::INFINITY
        );
        n
    ];
    let mut halves = vec![(20.0, 11.0); n];
    let mut offsets = vec![(10.0, 0.0); n];
    let mut targets = (vec![0.0; n], vec![0.0; n]);
    let mut target_strengths = vec![0.1; n];
    let mut charges = vec![-80.0; n];
    for b in &input.bodies {
        let i = usize::from(b.index);
        if i >= n {
            continue;
        }
        bodies[i].x = coord(b.x);
        bodies[i].y = coord(b.y);
        bodies[i].fixed = b.pin.map(|(x, y)| (coord(x), coord(y)));
        let (x0, y0) = (coord(b.bounds.0), coord(b.bounds.1));
        boxes[i] = (
            x0,
            y0,
            x0 + num.get(b.bounds.2, -100.0, 3_000.0),
            y0 + num.get(b.bounds.3, -100.0, 3_000.0),
        );
        halves[i] = (num.get(b.half.0, 0.0, 200.0), num.get(b.half.1, 0.0, 50.0));
        offsets[i] = (
            num.get(b.offset.0, -100.0, 100.0),
            num.get(b.offset.1, -20.0, 20.0),
        );
        targets.0[i] = coord(b.target.0);
        targets.1[i] = coord(b.target.1);
        target_strengths[i] = num.get(b.target_strength, 0.0, 1.0);
        charges[i] = num.get(b.charge, -300.0, 50.0);
    }
    let pairs = |list: &[(u8, u8)]| -> Vec<(usize, usize)> {
        list.iter()
            .map(|&(a, b)| (usize::from(a), usize::from(b)))
            .collect()
    };

    let mut sim = Simulation::new(bodies, input.seed);
    sim.alpha = num.get(p.alpha, 0.0, 1.0);
    sim.alpha_min = num.get(p.alpha_min, 0.0, 0.1);
    sim.alpha_decay = num.get(p.alpha_decay, 0.0, 0.2);
    sim.alpha_target = num.get(p.alpha_target, 0.0, 0.3);
    sim.velocity_decay = num.get(p.velocity_decay, 0.1, 0.9);

    let on = |bit: u16| input.forces & (1 << bit) != 0;
    if on(0) {
        let mut link = Link::new(pairs(&input.links), num.get(p.link_distance, 0.0, 300.0));
        link.iterations = usize::from(p.link_iterations % 4);
        sim.add_force(link);
    }
    if on(1) {
        let mut charge = if on(2) {
            ManyBody::with_strengths(charges)
        } else {
            ManyBody::new(num.get(p.charge, -300.0, 50.0))
        };
        charge.theta = num.get(p.theta, 0.0, 2.0);
        charge.distance_min = num.get(p.distance_min, 0.5, 50.0);
        charge.distance_max = if on(3) {
            f64::INFINITY
        } else {
            num.get(p.distance_max, 1.0, 5_000.0)
        };
        sim.add_force(charge);
    }
    if on(4) {
        sim.add_force(PositionX {
            targets: targets.0,
            strengths: target_strengths.clone(),
        });
        sim.add_force(PositionY {
            targets: targets.1,
            strengths: target_strengths,
        });
    }
    if on(5) {
        let mut collide = Collide::new(halves.clone()).with_offsets(offsets.clone());
        collide.strength = num.get(p.collide_strength, 0.0, 1.0);
        sim.add_force(collide);
    }
    if on(6) {
        sim.add_force(AlignY {
            pairs: pairs(&input.align),
            strength: num.get(p.align_strength, 0.0, 1.0),
        });
    }
    if on(7) {
        sim.add_force(Center {
            x: coord(p.center.0),
            y: coord(p.center.1),
        });
    }
    if on(8) {
        sim.add_constraint(Bounds { boxes });
    }
    if on(9) {
        sim.add_constraint(Below {
            pairs: pairs(&input.below),
            gap: num.get(p.below_gap, 0.0, 200.0),
        });
    }
    if on(10) {
        let mut apart = Collide::new(halves).with_offsets(offsets);
        apart.strength = 1.0;
        sim.add_constraint(apart);
    }

    let ticks = usize::from(input.ticks).min(MAX_TICKS);
    for t in 0..ticks {
        sim.tick();
        if input.sane {
            assert_finite(&sim.bodies, &format!("tick {t}"));
        }
    }
    sim.enforce(usize::from(input.enforce % 64));
    if input.sane {
        assert_finite(&sim.bodies, "enforce");
    }
    // Dragging reheats the simulation; it must carry on from where it is.
    sim.reheat(0.3);
    sim.run(3);
    if input.sane {
        assert_finite(&sim.bodies, "reheat");
    }
}

/// Sane inputs put every body within ±5,000; no force the map uses moves one a million times
/// farther in a few dozen ticks unless the integration has become unstable (errors that grow
/// geometrically, tick after tick, on their way to infinity and NaN).
const FAR: f64 = 1e10;

fn assert_finite(bodies: &[Body], when: &str) {
    for (i, b) in bodies.iter().enumerate() {
        assert!(
            b.x.is_finite() && b.y.is_finite(),
            "body {i} is not finite after {when}: {b:?}"
        );
        assert!(
            b.x.abs() < FAR && b.y.abs() < FAR,
            "body {i} ran away after {when}: {b:?}"
        );
    }
}
