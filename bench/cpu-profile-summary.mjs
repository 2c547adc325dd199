#!/usr/bin/env node
// Sums a V8 CPU profile (`node --cpu-prof`) the way bench/profile.md reads
// it: self time by package or engine module, self time by function, and the
// inclusive time of the engine's own functions (each sample counted once per
// function on its stack).
//
//   KB_LINT_WORKERS=0 node --cpu-prof --cpu-prof-dir=prof bin/kb-lint.js <kb> --format json > /dev/null
//   node bench/cpu-profile-summary.mjs prof/*.cpuprofile [--top=40]
//
// The profiler samples on a wall clock: on a busy machine its totals are wall
// time, inflated by waiting for a core; compare shares, not seconds.
import { readFileSync } from 'node:fs';

const file = process.argv.slice(2).find((argument) => !argument.startsWith('--'));
const top = Number(process.argv.find((argument) => argument.startsWith('--top='))?.slice('--top='.length) ?? 40);
if (file === undefined) {
  process.stderr.write('usage: node bench/cpu-profile-summary.mjs <file.cpuprofile> [--top=40]\n');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const sampled = new Map();
profile.samples.forEach((id, index) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...sampled.values()].reduce((sum, time) => sum + time, 0);

const ENGINE = /out\/server\/src\/(.*)\.js$/;

/** A package of node_modules, an engine module (rules together), or what V8 calls the frame. */
function area({ functionName, url }) {
  if (functionName === '(garbage collector)') return 'garbage collection';
  const dependency = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (dependency) return `package ${dependency[1]}`;
  const module = url.match(ENGINE);
  if (module) return module[1].startsWith('core/rules/') ? 'core/rules/*' : module[1];
  if (url.startsWith('node:')) return 'Node internals';
  return url === '' ? `(native) ${functionName}` : url;
}

const add = (map, key, time) => map.set(key, (map.get(key) ?? 0) + time);
const selfByArea = new Map();
const selfByFunction = new Map();
const inclusive = new Map();
for (const [id, time] of sampled) {
  const frame = nodes.get(id).callFrame;
  add(selfByArea, area(frame), time);
  add(selfByFunction, `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`, time);
  const counted = new Set();
  for (let current = id; current !== undefined; current = parents.get(current)) {
    const { functionName, url } = nodes.get(current).callFrame;
    const module = url.match(ENGINE)?.[1];
    const key = module === undefined ? undefined : `${module} ${functionName || '(anonymous)'}`;
    if (key === undefined || counted.has(key)) continue;
    counted.add(key);
    add(inclusive, key, time);
  }
}

function print(title, map) {
  process.stdout.write(`\n## ${title} (${(total / 1e6).toFixed(2)} s sampled)\n`);
  for (const [key, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${(time / 1e6).toFixed(2).padStart(7)} s ${((100 * time) / total).toFixed(1).padStart(5)} %  ${key}\n`);
  }
}
print('Self time by package or module', selfByArea);
print('Self time by function', selfByFunction);
print('Inclusive time of the engine\'s functions', inclusive);
