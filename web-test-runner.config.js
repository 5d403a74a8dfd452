// Browser tests: real Debian Chromium, TypeScript through esbuild (legacy decorators for Lit).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

/** Prints one plain closing line so CI logs read at a glance. */
function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0,
        failed = 0,
        skipped = 0;
      const walk = (suite) => {
        if (!suite) return;
        for (const t of suite.tests) {
          if (t.skipped) skipped++;
          else if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites) walk(s);
      };
      for (const s of sessions) {
        walk(s.testResults);
        if (!s.passed && !s.testResults?.tests.length && !s.testResults?.suites.length) failed++;
      }
      console.log(`wtr: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testsFinishTimeout: 1800000,
  // A hang guard per test, not a pace: tests wait for states (test/browser/wait.ts, 30 s each)
  // and a loaded machine may need minutes for a long journey.
  testFramework: { config: { timeout: 180000 } },
  // a11ySnapshot: tests read accessible names as a screen reader gets them.
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    a11ySnapshotPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
      // A fresh context per page avoids a hang seen with accessibility checks. Focus emulation
      // makes every page behave as the focused window, so focus/blur events fire whatever page
      // the run opened before (without it, blur-validation tests failed only in full runs).
      createPage: async ({ browser }) => {
        const page = await (await browser.createBrowserContext()).newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
