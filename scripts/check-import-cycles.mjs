// Import circles (`a.ts` → `b.ts` → `a.ts`, type-only imports included) in the widget (src/),
// the server (server/src/) and the demo server: prints each circle and exits 1 when any is found.
// A circle means two modules are one idea, or a shared piece belongs in a third (a file of its
// own): split it. Relative imports only (packages cannot form a circle with our files).
// Usage: node scripts/check-import-cycles.mjs [folders…]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const folders = process.argv.slice(2);
const roots = (folders.length ? folders : ['src', 'server/src', 'demo/server']).map((f) =>
  resolve(ROOT, f),
);

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

const graph = new Map();
for (const file of roots.flatMap(files)) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const targets = new Set();
  // `import()` edges are left out: a lazily loaded file (the customer area) importing modules of
  // the file that loads it is not an evaluation-order circle; static circles still fail.
  for (const pattern of [IMPORT]) {
    for (const match of text.matchAll(pattern)) {
      const target = resolve(dirname(file), match[1]);
      if (existsSync(target)) targets.add(target);
    }
  }
  graph.set(file, [...targets]);
}

// Tarjan's strongly connected components: every component of more than one file is a circle.
let index = 0;
const indices = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
function visit(node) {
  indices.set(node, index);
  low.set(node, index++);
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!graph.has(next)) continue;
    if (!indices.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node), low.get(next)));
    } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indices.get(next)));
  }
  if (low.get(node) === indices.get(node)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfImport = (graph.get(node) ?? []).includes(node);
    if (component.length > 1 || selfImport) circles.push(component);
  }
}
for (const node of graph.keys()) if (!indices.has(node)) visit(node);

const name = (file) => relative(ROOT, file);
if (circles.length) {
  for (const circle of circles)
    console.error(`import circle: ${circle.map(name).sort().join(' ↔ ')}`);
  process.exit(1);
}
console.log(`import circles: none in ${graph.size} files (${roots.map(name).join(', ')})`);
