//! Property tests over arbitrary graphs: empty, single nodes, coincident nodes, self-loops,
//! duplicate and parallel edges, disconnected parts, pinned nodes. Positions stay finite and
//! bounded, and the same seed gives the same positions to the bit.

use alliance_force::{
    Below, Body, Bounds, Center, Collide, Link, ManyBody, PositionX, PositionY, Simulation,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Case {
    n: usize,
    edges: Vec<(usize, usize)>,
    coincident: bool,
    pinned: Vec<usize>,
    seed: u32,
}

fn case() -> impl Strategy<Value = Case> {
    (0usize..60).prop_flat_map(|n| {
        let m = if n == 0 { 0 } else { 120 };
        (
            Just(n),
            prop::collection::vec((0..n.max(1), 0..n.max(1)), 0..=m),
            any::<bool>(),
            prop::collection::vec(0..n.max(1), 0..4),
            any::<u32>(),
        )
            .prop_map(|(n, edges, coincident, pinned, seed)| Case {
                n,
                edges: if n == 0 { vec![] } else { edges },
                coincident,
                pinned: if n == 0 { vec![] } else { pinned },
                seed,
            })
    })
}

fn run(c: &Case) -> Vec<Body> {
    let mut bodies = if c.coincident {
        vec![
            Body {
                x: 3.0,
                y: 3.0,
                ..Body::default()
            };
            c.n
        ]
    } else {
        Simulation::phyllotaxis(c.n)
    };
    for &p in &c.pinned {
        bodies[p].fixed = Some((p as f64 * 10.0, -(p as f64)));
    }
    let mut sim = Simulation::new(bodies, c.seed);
    sim.add_force(Link::new(c.edges.clone(), 30.0));
    sim.add_force(ManyBody::new(-30.0));
    sim.add_force(Collide::new(vec![(20.0, 8.0); c.n]).with_offsets(vec![(10.0, 0.0); c.n]));
    sim.add_force(PositionX {
        targets: vec![0.0; c.n],
        strengths: vec![0.05; c.n],
    });
    sim.add_force(PositionY {
        targets: (0..c.n).map(|i| (i % 3) as f64 * 50.0).collect(),
        strengths: vec![0.1; c.n],
    });
    sim.add_force(Center { x: 0.0, y: 0.0 });
    sim.add_constraint(Bounds {
        boxes: vec![(-5000.0, -5000.0, 5000.0, 5000.0); c.n],
    });
    sim.add_constraint(Below {
        pairs: c
            .edges
            .iter()
            .copied()
            .filter(|(a, b)| a != b)
            .take(10)
            .collect(),
        gap: 5.0,
    });
    sim.run(300);
    sim.bodies
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn positions_stay_finite_and_bounded(c in case()) {
        for (i, b) in run(&c).iter().enumerate() {
            prop_assert!(b.x.is_finite() && b.y.is_finite(), "body {} at ({}, {})", i, b.x, b.y);
            prop_assert!(b.x.abs() <= 1e4 && b.y.abs() <= 1e4, "body {} escaped to ({}, {})", i, b.x, b.y);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_positions(c in case()) {
        let (a, b) = (run(&c), run(&c));
        for (p, q) in a.iter().zip(&b) {
            prop_assert_eq!(p.x.to_bits(), q.x.to_bits());
            prop_assert_eq!(p.y.to_bits(), q.y.to_bits());
        }
    }

    #[test]
    fn pinned_bodies_do_not_move(c in case()) {
        let out = run(&c);
        for &p in &c.pinned {
            prop_assert_eq!((out[p].x, out[p].y), (p as f64 * 10.0, -(p as f64)));
        }
    }
}
