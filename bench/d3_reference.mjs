// d3-force's answer for crates/force/tests/d3_agreement.rs.
//
// usage: node bench/d3_reference.mjs GRAPH.json
// GRAPH.json: { "nodes": N, "links": [[source, target], ...], "ticks": T }
// Runs d3's forceManyBody() (strength -30, theta 0.9), forceLink(links).distance(30) and
// forceCenter() from d3's phyllotaxis start for T ticks, then prints one JSON line:
// { "mean_edge_length": ..., "mean_distance_from_centre": ... }
// d3-force comes from .tools/node_modules (`cargo xtask test` and `cargo xtask bench layout`
// install it there).

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

let d3;
try {
  const resolve = createRequire(join(root, ".tools", "package.json")).resolve;
  d3 = await import(pathToFileURL(resolve("d3-force")).href);
} catch (e) {
  console.error(`d3-force is not installed in ${join(root, ".tools")}: ${e.message}`);
  process.exit(2);
}

if (process.argv.length !== 3) {
  console.error("usage: node bench/d3_reference.mjs GRAPH.json");
  process.exit(2);
}
const graph = JSON.parse(readFileSync(process.argv[2], "utf8"));

// Nodes without positions: d3 puts them on its phyllotaxis spiral.
const nodes = Array.from({ length: graph.nodes }, () => ({}));
const links = graph.links.map(([source, target]) => ({ source, target }));
const sim = d3
  .forceSimulation(nodes)
  .force("charge", d3.forceManyBody())
  .force("link", d3.forceLink(links).distance(30))
  .force("center", d3.forceCenter())
  .stop();
sim.tick(graph.ticks);

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  JSON.stringify({
    mean_edge_length: mean(links.map((l) => Math.hypot(l.source.x - l.target.x, l.source.y - l.target.y))),
    mean_distance_from_centre: mean(nodes.map((n) => Math.hypot(n.x, n.y))),
  }),
);
