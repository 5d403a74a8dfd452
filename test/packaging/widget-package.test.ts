// Issue 20: installing the widget installs the widget. `npm pack` the root package as it would
// be published, install the tarball in an empty folder (from npm's cache when it can), and read
// the installed tree: the widget's runtime dependencies are exactly lit, zod, ky and
// @floating-ui/dom, with their own dependencies and nothing of the server (no database, no HTTP
// framework).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;
const WIDGET_DEPENDENCIES = ['@floating-ui/dom', 'ky', 'lit', 'zod'];
const SERVER_LIBRARIES = [
  'hono',
  '@hono/node-server',
  'pg',
  'pg-boss',
  '@electric-sql/pglite',
  'fast-xml-parser',
  'standardwebhooks',
];

const work = mkdtempSync(join(tmpdir(), 'cassa-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface Tree {
  version?: string;
  dependencies?: Record<string, Tree>;
}

function names(tree: Tree, into = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
    into.add(name);
    names(child, into);
  }
  return into;
}

describe('the published widget package', () => {
  it('declares lit, zod, ky and @floating-ui/dom as its only runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), WIDGET_DEPENDENCIES);
  });

  it('installs from its tarball with those four and their own dependencies only', () => {
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    assert.ok(packed, 'npm pack made a tarball');
    assert.ok(
      !packed.files.some((f) => /^(server|demo|test)\//.test(f.path)),
      'no server, demo or test file is published',
    );
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    npm(
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--omit=dev',
        join(work, packed.filename),
      ],
      app,
    );
    const tree = JSON.parse(npm(['ls', '--omit=dev', '--all', '--json'], app)) as Tree;
    const cassa = tree.dependencies?.cassa;
    assert.ok(cassa, 'cassa is installed');
    assert.deepEqual(Object.keys(cassa.dependencies ?? {}).sort(), WIDGET_DEPENDENCIES);
    const installed = names(tree);
    const server = SERVER_LIBRARIES.filter((name) => installed.has(name));
    assert.deepEqual(server, [], 'nothing of the server is installed');
    // Everything in the tree is cassa, one of the four, or a dependency of theirs (npm ls nests
    // each package under whoever needs it).
    const below = new Set<string>();
    for (const name of WIDGET_DEPENDENCIES) names(cassa.dependencies![name]!, below);
    const stray = [...installed].filter(
      (name) => name !== 'cassa' && !WIDGET_DEPENDENCIES.includes(name) && !below.has(name),
    );
    assert.deepEqual(stray, [], 'no package that the four do not bring');
    // `--parseable` lists one folder per installed package: what the integrator's disk holds.
    const folders = npm(['ls', '--omit=dev', '--all', '--parseable'], app).trim().split('\n');
    console.log(
      `packaging: ${packed.filename}, ${packed.files.length} files; installed ${folders.length - 1} packages: ${[...installed].sort().join(', ')}`,
    );
  });
});
