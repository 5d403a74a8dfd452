// `npm run bench`: Cassa next to Adyen Web Drop-in and a plain Lit form in one throttled
// Chromium, then the reference server's throughput with autocannon. Prints the tables, writes
// them to bench/results/latest.md, and exits non-zero on any failure (a page that never became
// interactive, a non-2xx answer or a socket error under load). Missed targets are reported,
// not failed: they are findings, written up in docs/performance.md.
//
// Options: --runs=N (page runs per case, default 7), --duration=S (seconds per load case,
// default 5), --only=pages|server. Env: CHROME_PATH (default /usr/bin/chromium), DATABASE_URL.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleInfo } from './bundle.ts';
import type { PageId, PageResults } from './browser.ts';
import type { BenchReport, ServerRun } from './report.ts';
import type { ThroughputOptions } from './throughput.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = dirname(benchDir);
// Bundles and screenshots go where git, ESLint and Prettier already look away.
const buildDir = join(benchDir, 'node_modules/.cache/cassa-bench');

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key ?? '', value ?? 'true'] as const;
  }),
);
const runs = Number(args.get('runs') ?? 7);
const durationS = Number(args.get('duration') ?? 5);
const warmupS = 1;
const only = args.get('only');
const cpuThrottlingRate = 4;
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

const log = (line: string) => console.log(line);
const section = (title: string) => console.log(`\n== ${title}`);

function run(command: string, commandArgs: string[]): void {
  log(`$ ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: repoDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
}

/** The bench's own dependencies (Adyen Web, esbuild), never part of the project's. */
function ensureBenchDependencies(): void {
  const needed = ['@adyen/adyen-web', 'esbuild'];
  if (needed.every((name) => existsSync(join(benchDir, 'node_modules', name, 'package.json')))) {
    return;
  }
  section('installing the bench dependencies (bench/package-lock.json)');
  run('npm', ['--prefix', benchDir, 'ci', '--no-audit', '--no-fund']);
}

function machineInfo(chromium: string, loadBefore: string): BenchReport['machine'] {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoDir });
  return {
    cpuModel: model.trim(),
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    chromium,
    loadBefore,
    loadAfter: formatLoad(),
    commit: commit.status === 0 ? commit.stdout.toString().trim() : 'unknown',
  };
}

function formatLoad(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadBefore = formatLoad();
  const failures: string[] = [];
  log(`Cassa bench: ${runs} page runs per case, ${durationS} s per load case; load ${loadBefore}`);
  ensureBenchDependencies();
  const { buildBenchBundles } = await import('./bundle.ts');
  const { startStaticServer } = await import('./static-server.ts');
  const { startReferenceServer } = await import('./reference-server.ts');

  const cassaFile = join(repoDir, 'dist/cassa.js');
  const bundles: Partial<Record<PageId, BundleInfo>> = {};
  let cassaAllGzipBytes: number | undefined;
  if (only !== 'server') {
    if (!existsSync(cassaFile)) {
      section('dist/cassa.js is missing: building it');
      run('npm', ['run', 'build']);
    }
    const staleBy = newestMtime(join(repoDir, 'src')) - statSync(cassaFile).mtimeMs;
    if (staleBy > 0) {
      log(
        `  note: src/ changed after dist/cassa.js was built: run \`npm run build\` to measure it`,
      );
    }
    section('bundling the comparison pages');
    // Cassa's row: what the page must download before its first step is interactive.
    const { dropInSizes } = await import('../scripts/bundle-sizes.mjs');
    const sizes = dropInSizes(join(repoDir, 'dist'));
    const initial = sizes.initial('plan', 'it');
    cassaAllGzipBytes = sizes.all;
    Object.assign(bundles, await buildBenchBundles(benchDir, buildDir), {
      cassa: { path: '/cassa.js', rawBytes: Number.NaN, gzipBytes: initial.bytes },
    });
    for (const [id, info] of Object.entries(bundles)) {
      log(`  ${id.padEnd(5)} ${(info.gzipBytes / 1024).toFixed(1)} KB min + gzip`);
    }
  }

  // dist/ serves cassa.js and the modules it loads from its own folder.
  const statics = await startStaticServer(
    [join(benchDir, 'pages'), buildDir, join(repoDir, 'dist')],
    {
      '/cassa.js': cassaFile,
    },
  );
  let pages: PageResults | undefined;
  const server: ServerRun[] = [];
  const throughputOptions: ThroughputOptions = {
    durationS,
    warmupS,
    connections: { floor: 200, trivial: 200, quote: 200, order: 50 },
    log,
  };
  try {
    if (only !== 'pages') {
      section('ceiling: a bare Hono route');
      const { startHonoFloor, HONO_FLOOR_PATH } = await import('./reference-server.ts');
      const { measureFloor } = await import('./throughput.ts');
      const floor = await startHonoFloor(repoDir);
      try {
        server.push({
          database: 'none (bare Hono, no middleware)',
          results: [await measureFloor(floor.origin, HONO_FLOOR_PATH, throughputOptions)],
        });
      } finally {
        await floor.stop();
      }
    }
    section('reference server (PGlite)');
    const reference = await startReferenceServer({ repoDir, allowedOrigins: [statics.origin] });
    log(`  listening at ${reference.origin}`);
    try {
      if (only !== 'server') {
        section(`pages: ${runs} runs each, ${cpuThrottlingRate}× CPU throttling`);
        const { measurePages } = await import('./browser.ts');
        const ids: PageId[] = ['blank', 'lit', 'cassa', 'adyen', 'overlay'];
        const backend = encodeURIComponent(`${reference.origin}/api`);
        pages = await measurePages(
          ids.map((id) => ({
            id,
            url: `${statics.origin}/${id}.html${id === 'cassa' || id === 'overlay' ? `?backend=${backend}` : ''}`,
          })),
          { chromePath, runs, cpuThrottlingRate, screenshotDir: buildDir, log },
        );
        log(`  screenshots of the last run: ${buildDir}/<page>.png`);
      }
      if (only !== 'pages') {
        section('throughput on PGlite');
        const { measureThroughput } = await import('./throughput.ts');
        server.push({
          database: 'PGlite',
          results: await measureThroughput(reference.origin, throughputOptions),
        });
      }
    } catch (error) {
      failures.push((error as Error).message);
      log(`  server log:\n${await reference.logTail()}`);
    } finally {
      await reference.stop();
    }

    if (only !== 'pages') {
      section('throughput on PostgreSQL');
      const { createBenchDatabase } = await import('./postgres.ts');
      const database = await createBenchDatabase();
      if ('skipped' in database) {
        log(`  PostgreSQL row skipped: ${database.skipped}`);
        server.push({ database: 'PostgreSQL', skipped: database.skipped });
      } else {
        log(`  ${database.description}`);
        try {
          const pgServer = await startReferenceServer({ repoDir, databaseUrl: database.url });
          try {
            const { measureThroughput } = await import('./throughput.ts');
            server.push({
              database: database.description.split(' (')[0] ?? 'PostgreSQL',
              results: await measureThroughput(pgServer.origin, throughputOptions),
            });
          } catch (error) {
            failures.push((error as Error).message);
            log(`  server log:\n${await pgServer.logTail()}`);
          } finally {
            await pgServer.stop();
          }
        } finally {
          await database.drop();
        }
      }
    }
  } catch (error) {
    failures.push((error as Error).message);
  } finally {
    await statics.close();
  }

  for (const run of server) {
    for (const result of run.results ?? []) {
      if (result.failures > 0) {
        failures.push(`${run.database} ${result.label}: ${result.failureDetail}`);
      }
    }
  }
  const { renderReport } = await import('./report.ts');
  const resultsFile = join(benchDir, 'results/latest.md');
  const markdown = await prettyMarkdown(
    resultsFile,
    renderReport({
      startedAt,
      elapsedS: (Date.now() - startedAt.getTime()) / 1000,
      machine: machineInfo(pages?.chromiumVersion ?? chromiumVersion(), loadBefore),
      cpuThrottlingRate,
      runs,
      bundles,
      cassaAllGzipBytes,
      pages: pages?.samples,
      server,
      serverDurationS: durationS,
      serverWarmupS: warmupS,
      failures,
    }),
  );
  console.log(`\n${markdown}`);
  if (!only) {
    await mkdir(join(benchDir, 'results'), { recursive: true });
    await writeFile(resultsFile, markdown);
    log('written to bench/results/latest.md');
  }
  if (failures.length > 0) console.log('FAIL');
  return failures.length > 0 ? 1 : 0;
}

/** The latest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** The project's Prettier style (aligned tables), so the written file passes format:check. */
async function prettyMarkdown(file: string, markdown: string): Promise<string> {
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(markdown, { ...config, parser: 'markdown' });
}

function chromiumVersion(): string {
  const result = spawnSync(chromePath, ['--version']);
  const version = /\d+(\.\d+)+/.exec(result.stdout?.toString() ?? '');
  return result.status === 0 && version ? version[0] : 'unknown';
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('FAIL');
    process.exit(1);
  },
);
