// The server alone, as a seller runs it in production: `node server/dist/main.js` (built by
// `npm run build -w @cassa/server`), configured by the environment (README "Run the server").
// Payment providers: the built-in `none` only; a seller with a provider adapter starts the
// server from an entry of their own (index.ts: `startServer({ providers })`).
import { startServer } from './start.ts';

await startServer();
