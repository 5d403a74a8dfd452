// Makes sure Debian's Chromium is there before browser tests run (no test tool downloads one).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  if (process.getuid?.() === 0) {
    console.log(`Chromium not found at ${path}: installing Debian's chromium package…`);
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    );
  } else {
    console.error(
      `Chromium is missing: run "sudo apt-get install -y chromium" (or set CHROME_PATH) and retry.`,
    );
    process.exit(1);
  }
}
