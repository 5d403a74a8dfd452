// After tsc: the files the built server reads at run time besides its JavaScript (the SQL
// migrations, the pages' stylesheet), copied next to it in dist/.
import { cpSync } from 'node:fs';

for (const folder of ['db/migrations', 'http/assets']) {
  cpSync(
    new URL(`./src/${folder}/`, import.meta.url),
    new URL(`./dist/${folder}/`, import.meta.url),
    {
      recursive: true,
    },
  );
}
