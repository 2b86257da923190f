#!/usr/bin/env node
// graphology's ForceAtlas2 (what sigma.js and Gephi Lite use) on a network written by
// `chainsight generate --format networkx`, with the settings of Chainsight's ForceAtlas2
// (Barnes–Hut theta 1.2, LinLog, strong gravity 0.005, scaling 10), from the same sunflower
// spiral, measured the way `chainsight bench layout` measures: median milliseconds per
// iteration, seconds until 80% of nodes are nearer their own community's centre than any
// other's (checks not timed), and the separation of communities at the end.
//
// Run by hand, not in CI; graphology is not a dependency of this repository:
//
//   mkdir -p /tmp/fa2cmp && (cd /tmp/fa2cmp && npm install graphology graphology-layout-forceatlas2)
//   ./target/release/chainsight generate --nodes 10000 --edges 50000 --format networkx -o /tmp/g.json
//   NODE_PATH=/tmp/fa2cmp/node_modules node scripts/graphology-fa2.cjs /tmp/g.json [BUDGET_S] [THETA]
//
// Prints one JSON object.

'use strict';

const fs = require('fs');
const Graph = require('graphology');
const iterate = require('graphology-layout-forceatlas2/iterate.js');
const helpers = require('graphology-layout-forceatlas2/helpers.js');

const [file, budgetArg, thetaArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/graphology-fa2.cjs GRAPH.json [BUDGET_S] [THETA]');
  process.exit(2);
}
const budgetS = Number(budgetArg || 60);
const theta = Number(thetaArg || 1.2);
const UNTANGLED = 0.8;
const BATCH = 10;

const data = JSON.parse(fs.readFileSync(file, 'utf8'));
const links = data.links || data.edges;
const graph = new Graph({ type: 'undirected', multi: true, allowSelfLoops: false });
const community = [];
const golden = Math.PI * (3 - Math.sqrt(5));
data.nodes.forEach((node, i) => {
  // Chainsight's start_positions: radius 0.8·120·√(i + ½), angle i·golden angle.
  const radius = 120 * 0.8 * Math.sqrt(i + 0.5);
  graph.addNode(String(node.id), { x: radius * Math.cos(i * golden), y: radius * Math.sin(i * golden) });
  community.push(Number(node.community ?? (node.attributes || {}).community ?? 0));
});
for (const link of links) {
  if (link.source !== link.target) graph.addEdge(String(link.source), String(link.target));
}

const settings = {
  linLogMode: true,
  outboundAttractionDistribution: false,
  adjustSizes: false,
  edgeWeightInfluence: 0,
  scalingRatio: 10,
  strongGravityMode: true,
  gravity: 0.005,
  slowDown: 1,
  barnesHutOptimize: true,
  barnesHutTheta: theta,
};
// As forceAtlas2(graph, {iterations}) does, minus the copy back: matrices built once, then
// iterated; x and y of node i are nodes[10 i] and nodes[10 i + 1].
const matrices = helpers.graphToByteArrays(graph, () => 1);
const n = graph.order;
const communities = Math.max(...community) + 1;

function centres(nodes) {
  const sums = new Float64Array(communities * 3);
  for (let i = 0; i < n; i++) {
    const c = community[i];
    sums[3 * c] += nodes[10 * i];
    sums[3 * c + 1] += nodes[10 * i + 1];
    sums[3 * c + 2] += 1;
  }
  const out = [];
  for (let c = 0; c < communities; c++) {
    const k = sums[3 * c + 2];
    out.push(k > 0 ? [sums[3 * c] / k, sums[3 * c + 1] / k] : [Infinity, Infinity]);
  }
  return out;
}

// Same as chainsight::bench::community_coherence.
function coherence(nodes) {
  const cs = centres(nodes);
  let coherent = 0;
  for (let i = 0; i < n; i++) {
    const x = nodes[10 * i], y = nodes[10 * i + 1];
    let best = -1, bestD = Infinity;
    for (let c = 0; c < communities; c++) {
      const d = (cs[c][0] - x) ** 2 + (cs[c][1] - y) ** 2;
      if (d < bestD) { bestD = d; best = c; }
    }
    if (best === community[i]) coherent++;
  }
  return coherent / Math.max(n, 1);
}

// Same as chainsight::bench::community_separation.
function separation(nodes) {
  const cs = centres(nodes);
  const radius = new Float64Array(communities * 2);
  for (let i = 0; i < n; i++) {
    const c = community[i];
    radius[2 * c] += Math.hypot(nodes[10 * i] - cs[c][0], nodes[10 * i + 1] - cs[c][1]);
    radius[2 * c + 1] += 1;
  }
  const present = [];
  for (let c = 0; c < communities; c++) if (radius[2 * c + 1] > 0) present.push(c);
  if (present.length < 2) return NaN;
  let meanRadius = 0, meanNearest = 0;
  for (const c of present) {
    meanRadius += radius[2 * c] / radius[2 * c + 1];
    let nearest = Infinity;
    for (const d of present) {
      if (d !== c) nearest = Math.min(nearest, Math.hypot(cs[c][0] - cs[d][0], cs[c][1] - cs[d][1]));
    }
    meanNearest += nearest;
  }
  return meanNearest / present.length / Math.max(meanRadius / present.length, 1e-9);
}

const samples = [];
let layoutS = 0;
let untangledS = null;
let iterations = 0;
let reached = coherence(matrices.nodes);
while (layoutS < budgetS) {
  const start = process.hrtime.bigint();
  for (let k = 0; k < BATCH; k++) iterate(settings, matrices.nodes, matrices.edges);
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  layoutS += s;
  iterations += BATCH;
  samples.push((s * 1000) / BATCH);
  reached = coherence(matrices.nodes);
  if (reached >= UNTANGLED) {
    untangledS = layoutS;
    break;
  }
}
samples.sort((a, b) => a - b);
console.log(JSON.stringify({
  nodes: n,
  edges: graph.size,
  theta,
  node: process.version,
  graphology_fa2_ms: samples[Math.floor(samples.length / 2)],
  iterations,
  untangled_s: untangledS,
  coherence: reached,
  separation: separation(matrices.nodes),
}));
