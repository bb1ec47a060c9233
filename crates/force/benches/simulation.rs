//! One tick of the simulation natively, on the graphs of `cargo xtask bench layout`.
//!
//! Run with `cargo bench -p alliance-force`. Configuration as in bench/layout.mjs (d3's defaults):
//! many-body -30 (theta 0.9), links of distance 30 (degree-based strength), centre at (0, 0),
//! bodies on the phyllotaxis spiral. The time reported is the mean tick over whole 300-tick runs
//! (d3's full cooling): the simulation is rebuilt, untimed, every 300 ticks, so the early
//! (spread-out, busy) and late (settled) ticks are weighed as in a real layout.

use std::hint::black_box;
use std::time::{Duration, Instant};

use alliance_force::{Center, Link, ManyBody, Simulation};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

const TICKS_PER_RUN: u64 = 300;

/// mulberry32, as in bench/layout.mjs: uniform in [0, 1).
struct Mulberry32(u32);

impl Mulberry32 {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }

    fn below(&mut self, k: usize) -> usize {
        (self.next_f64() * k as f64) as usize
    }
}

/// The benchmark's graph, the same as bench/layout.mjs builds for the same seed: a random tree
/// (the parent of node i uniform in [0, i)) plus distinct random extra edges, no self-loops.
fn random_graph(nodes: usize, edges: usize, seed: u32) -> Vec<(usize, usize)> {
    assert!(
        edges <= nodes * (nodes - 1) / 2,
        "{edges} edges do not fit in {nodes} nodes"
    );
    let mut random = Mulberry32(seed);
    let mut seen = std::collections::HashSet::new();
    let mut links = Vec::with_capacity(edges);
    let mut add = |s: usize, t: usize, links: &mut Vec<(usize, usize)>| {
        if s != t && seen.insert((s.min(t), s.max(t))) {
            links.push((s, t));
        }
    };
    for i in 1..nodes {
        let parent = random.below(i);
        add(parent, i, &mut links);
    }
    while links.len() < edges {
        let (s, t) = (random.below(nodes), random.below(nodes));
        add(s, t, &mut links);
    }
    links
}

fn simulation(nodes: usize, links: &[(usize, usize)]) -> Simulation {
    let mut sim = Simulation::new(Simulation::phyllotaxis(nodes), 1);
    sim.add_force(ManyBody::new(-30.0));
    sim.add_force(Link::new(links.to_vec(), 30.0));
    sim.add_force(Center { x: 0.0, y: 0.0 });
    sim
}

fn tick(c: &mut Criterion) {
    let mut group = c.benchmark_group("tick");
    for (nodes, edges) in [(1_000, 2_000), (10_000, 20_000)] {
        if nodes >= 10_000 {
            // Tens of milliseconds a tick: fewer, longer samples keep the run to a minute or so.
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(15));
        } else {
            // About a millisecond a tick: 100 samples need a little more than the default 5 s.
            group.measurement_time(Duration::from_secs(8));
        }
        let links = random_graph(nodes, edges, 42);
        let id = BenchmarkId::from_parameter(format!("{nodes} nodes, {edges} edges"));
        group.bench_function(id, |b| {
            let mut sim = simulation(nodes, &links);
            let mut ticked = 0;
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                let mut done = 0;
                while done < iters {
                    if ticked == TICKS_PER_RUN {
                        sim = simulation(nodes, &links);
                        ticked = 0;
                    }
                    let n = (iters - done).min(TICKS_PER_RUN - ticked);
                    let start = Instant::now();
                    for _ in 0..n {
                        sim.tick();
                    }
                    timed += start.elapsed();
                    black_box(&sim.bodies);
                    ticked += n;
                    done += n;
                }
                timed
            });
        });
    }
    group.finish();
}

criterion_group!(benches, tick);
criterion_main!(benches);
