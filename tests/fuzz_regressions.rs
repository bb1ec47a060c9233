//! Inputs that made a fuzz target (fuzz/) fail, kept so the bugs stay fixed. The raw inputs are
//! in tests/fuzz-regressions/<target>/ (replay one with `cargo +nightly fuzz run <target> FILE`
//! from fuzz/); each test here is the same situation written out by hand, so that it runs in
//! the ordinary native test suite without nightly or libFuzzer.

use alliance_map::layout::quadtree::QuadTree;
use alliance_map::layout::{AlignY, Body, Bounds, Collide, Constraint, ManyBody, Simulation};

fn body(x: f64, y: f64) -> Body {
    Body {
        x,
        y,
        ..Body::default()
    }
}

/// layout/collide-far-cell-overflow: a body so far out that its grid cell number saturated at
/// i64::MAX; looking at the neighbouring cells (`cx + 1`) then overflowed, a panic in debug
/// builds and silently skipped neighbours in release.
#[test]
fn collide_far_from_the_origin_does_not_overflow_the_grid() {
    let bodies = vec![body(1e300, -1e300), body(1e300, -1e300), body(0.0, 0.0)];
    let mut sim = Simulation::new(bodies, 1);
    sim.add_force(Collide::new(vec![(20.0, 10.0); 3]));
    let mut apart = Collide::new(vec![(20.0, 10.0); 3]);
    apart.strength = 1.0;
    sim.add_constraint(apart);
    for _ in 0..3 {
        sim.tick();
    }
    assert_eq!((sim.bodies[2].x, sim.bodies[2].y), (0.0, 0.0));
    assert!(sim
        .bodies
        .iter()
        .all(|b| b.x.is_finite() && b.y.is_finite()));
}

/// layout/bounds-nan-box-clamp: a box with a NaN side made `f64::clamp` panic. A NaN side now
/// sets no limit, like an infinite one; the other sides still hold.
#[test]
fn bounds_with_a_nan_side_do_not_panic() {
    let nan = f64::NAN;
    let mut bodies = vec![body(-50.0, 50.0), body(50.0, -50.0), body(5.0, 5.0)];
    let mut bounds = Bounds {
        boxes: vec![
            (nan, 0.0, 10.0, 10.0),
            (0.0, nan, nan, 10.0),
            (nan, nan, nan, nan),
        ],
    };
    bounds.apply(&mut bodies);
    assert_eq!((bodies[0].x, bodies[0].y), (-50.0, 10.0));
    assert_eq!((bodies[1].x, bodies[1].y), (50.0, -50.0));
    assert_eq!((bodies[2].x, bodies[2].y), (5.0, 5.0));
}

/// layout/quadtree-infinite-cell-oom: bodies more than f64::MAX apart gave the Barnes–Hut root
/// cell an infinite size; halving it never separated them, so inserting the second point
/// created cells until memory ran out.
#[test]
fn bodies_farther_apart_than_f64_max_do_not_exhaust_memory() {
    let points = [(-1e308, 0.0), (1e308, 0.0), (0.0, 1.0)];
    let tree = QuadTree::build(&points, &[-30.0; 3]);
    assert!(tree.cells.len() < 10, "{} cells", tree.cells.len());
    assert_eq!(tree.cells[0].charge, -90.0);

    let bodies = points.iter().map(|&(x, y)| body(x, y)).collect();
    let mut sim = Simulation::new(bodies, 1);
    sim.add_force(ManyBody::new(-30.0));
    sim.tick();
}

/// Found while writing the layout target's runaway check, not by the fuzzer (its inputs rarely
/// put dozens of pairs on one body): AlignY pulled each pair from the current positions, so a
/// body in about 20 pairs or more at the map's strength of 1.0 overshot by more each tick and
/// ran off towards infinity. In the map that is a body with many `counterpart_of` relations.
#[test]
fn a_body_in_many_alignment_pairs_stays_put() {
    for pairs in [1, 20, 80, 200] {
        let mut bodies = Simulation::phyllotaxis(pairs + 1);
        for (i, b) in bodies.iter_mut().enumerate() {
            b.y = 90.0 * (i % 3) as f64;
        }
        let mut sim = Simulation::new(bodies, 1);
        sim.add_force(AlignY {
            pairs: (1..=pairs).map(|j| (0, j)).collect(),
            strength: 1.0,
        });
        for tick in 0..300 {
            sim.tick();
            let far = sim.bodies.iter().map(|b| b.y.abs()).fold(0.0, f64::max);
            assert!(far <= 180.0, "{pairs} pairs: |y| = {far:e} at tick {tick}");
        }
        assert!(
            (sim.bodies[0].y - sim.bodies[1].y).abs() < 1.0,
            "{pairs} pairs"
        );
    }
}
