// The layout benchmark: alliance-force (wasm) against d3-force and fjadra (wasm), in one Node.js
// process, on the same seeded graphs and the same configuration.
//
// Run it through `cargo xtask bench layout`, which installs d3-force into .tools/, builds
// bench/layout-wasm to wasm and runs wasm-bindgen into target/bench/pkg/ first.
//
// Configuration (d3's defaults unless named): forceManyBody (strength -30, theta 0.9),
// forceLink distance 30 (degree-based strength and bias), forceCenter at (0, 0), bodies on d3's
// phyllotaxis spiral, 300 ticks (d3's full cooling from alpha 1 to 0.001).
//
// Timing: d3 is timed over its 300 tick() calls only; each wasm call is timed whole, so it also
// pays for copying the edges in and building its simulation (a little against the wasm engines).
// Writes target/bench/layout.json: [{ engine, nodes, edges, ticks, ms_per_tick }, ...].

import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TICKS = 300;
// [nodes, edges, repetitions]: the median of the repetitions is reported.
const SIZES = [
  [1_000, 2_000, 5],
  [10_000, 20_000, 2],
];

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}

// ---- the engines ----

let d3;
try {
  const resolve = createRequire(join(root, ".tools", "package.json")).resolve;
  d3 = await import(pathToFileURL(resolve("d3-force")).href);
} catch (e) {
  fail(`d3-force is not installed in .tools/ (cargo xtask bench layout installs it): ${e.message}`);
}

let wasm;
try {
  wasm = createRequire(import.meta.url)(join(root, "target", "bench", "pkg", "layout_wasm_bench.js"));
} catch (e) {
  fail(`the wasm build is missing from target/bench/pkg/ (cargo xtask bench layout builds it): ${e.message}`);
}

// ---- graphs ----

// mulberry32: a tiny seeded PRNG; uniform in [0, 1). crates/force/benches/simulation.rs has the
// same generator, so the native benchmark measures the same graphs.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A random tree (the parent of node i is uniform in [0, i)) plus distinct random extra edges
// without self-loops, up to `edges` edges in all.
function randomGraph(nodes, edges, seed) {
  const random = mulberry32(seed);
  const below = (k) => Math.floor(random() * k);
  const sources = [];
  const targets = [];
  const seen = new Set();
  const add = (s, t) => {
    const key = Math.min(s, t) * nodes + Math.max(s, t);
    if (s === t || seen.has(key)) return;
    seen.add(key);
    sources.push(s);
    targets.push(t);
  };
  for (let i = 1; i < nodes; i++) add(below(i), i);
  if (edges > (nodes * (nodes - 1)) / 2) throw new Error(`${edges} edges do not fit in ${nodes} nodes`);
  while (sources.length < edges) add(below(nodes), below(nodes));
  return { nodes, sources: Uint32Array.from(sources), targets: Uint32Array.from(targets) };
}

// ---- runs: each returns { ms, checksum } where checksum is the mean edge length at the end ----

function runD3(graph, ticks) {
  const nodes = Array.from({ length: graph.nodes }, () => ({}));
  const links = Array.from(graph.sources, (s, i) => ({ source: s, target: graph.targets[i] }));
  const sim = d3
    .forceSimulation(nodes)
    .force("charge", d3.forceManyBody())
    .force("link", d3.forceLink(links).distance(30))
    .force("center", d3.forceCenter())
    .stop();
  const start = performance.now();
  for (let i = 0; i < ticks; i++) sim.tick();
  const ms = performance.now() - start;
  let total = 0;
  for (const l of links) total += Math.hypot(l.source.x - l.target.x, l.source.y - l.target.y);
  return { ms, checksum: total / links.length };
}

function runWasm(fn) {
  return (graph, ticks) => {
    const start = performance.now();
    const checksum = fn(graph.nodes, graph.sources, graph.targets, ticks);
    return { ms: performance.now() - start, checksum };
  };
}

const ENGINES = [
  ["d3-force", runD3],
  ["fjadra-wasm", runWasm(wasm.fjadra_layout)],
  ["alliance-force-wasm", runWasm(wasm.alliance_force_layout)],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- measure ----

console.log(`layout benchmark: node ${process.version}, ${TICKS} ticks, charge -30 / link 30 / center`);
// Warm up every engine (JIT, wasm compilation) on a small graph before timing anything.
const warm = randomGraph(200, 400, 7);
for (const [, run] of ENGINES) run(warm, TICKS);

const results = [];
for (const [nodes, edges, reps] of SIZES) {
  const graph = randomGraph(nodes, edges, 42);
  const times = new Map(ENGINES.map(([name]) => [name, []]));
  const checksums = new Map();
  // Interleave the engines so that any drift of the machine touches each of them alike.
  for (let r = 0; r < reps; r++) {
    for (const [name, run] of ENGINES) {
      const { ms, checksum } = run(graph, TICKS);
      if (!Number.isFinite(checksum)) fail(`${name} produced a non-finite layout on ${nodes} nodes`);
      times.get(name).push(ms);
      checksums.set(name, checksum);
    }
  }
  for (const [name] of ENGINES) {
    results.push({
      engine: name,
      nodes,
      edges: graph.sources.length,
      ticks: TICKS,
      ms_per_tick: median(times.get(name)) / TICKS,
      repetitions: reps,
      checksum: checksums.get(name),
    });
  }
}

// ---- report ----

const header = ["engine", "nodes", "edges", "ticks", "ms_per_tick", "vs d3", "mean edge length"];
const rows = results.map((r) => {
  const d3Row = results.find((x) => x.engine === "d3-force" && x.nodes === r.nodes);
  return [
    r.engine,
    String(r.nodes),
    String(r.edges),
    String(r.ticks),
    r.ms_per_tick.toFixed(3),
    `${(d3Row.ms_per_tick / r.ms_per_tick).toFixed(2)}x`,
    r.checksum.toFixed(2),
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log("");
console.log(line(header));
console.log(line(widths.map((w) => "-".repeat(w))));
let lastNodes;
for (const [i, row] of rows.entries()) {
  if (lastNodes !== undefined && results[i].nodes !== lastNodes) console.log("");
  lastNodes = results[i].nodes;
  console.log(line(row));
}
console.log(
  `\nms_per_tick: median of ${SIZES.map(([n, , r]) => `${r} runs at ${n} nodes`).join(", ")}; ` +
    "vs d3: d3's time divided by the engine's (higher is faster).\n" +
    "mean edge length: the checksum after the run. d3 and alliance-force should be close; fjadra's\n" +
    "differs a little (for one thing it moves bodies before decaying their velocity, d3 after).",
);

const out = join(root, "target", "bench");
mkdirSync(out, { recursive: true });
const json = results.map(({ engine, nodes, edges, ticks, ms_per_tick }) => ({ engine, nodes, edges, ticks, ms_per_tick }));
writeFileSync(join(out, "layout.json"), JSON.stringify(json, null, 2) + "\n");
console.log(`wrote ${join("target", "bench", "layout.json")}`);
