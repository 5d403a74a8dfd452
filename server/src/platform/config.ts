// The server's configuration: read from the environment once at start and checked whole, before
// anything is opened. Every missing or invalid variable is one line of the error
// (`Cassa: CASSA_X: what is wrong`), so a seller fixes them all in one go.
//
// NODE_ENV=production is the product: nothing is made up (no catalog, seller or payment provider
// by default, no movable clock, no test provider unless CASSA_ALLOW_TEST_PROVIDER=yes). Outside
// production, whoever composes the server (the demo) may fill the gaps with `ConfigDefaults`.
import { isIP } from 'node:net';
import * as z from 'zod/mini';
import { isIsoDate, type IsoDate } from 'cassa/contract';

export interface ServerConfig {
  production: boolean;
  port: number;
  /** PostgreSQL (`url`), or PGlite in a data folder. */
  database: { url: string } | { dataDir: string };
  catalogPath: string;
  /** A JSON file of the seller; undefined: the composer's default seller (never in production). */
  sellerPath: string | undefined;
  /**
   * Origins allowed by CORS besides the server's own, and the only ones (with publicUrl's) a
   * returnUrl may lead to.
   */
  allowedOrigins: string[];
  /** The server's public base URL: every link it makes (CASSA_PUBLIC_URL). */
  publicUrl: string;
  /**
   * The customer area's address, linked from confirmation emails (CASSA_ACCOUNT_URL: an http(s)
   * URL or a path on the server's origin); outside production, the composer's default.
   */
  accountUrl: string | undefined;
  /** Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR ranges). */
  trustedProxies: string[];
  /** Failed logins allowed per client address in the window (CASSA_LOGIN_LIMIT_PER_ADDRESS). */
  loginLimitPerAddress: number | undefined;
  /**
   * New accounts allowed per client address in an hour (CASSA_REGISTRATION_LIMIT_PER_ADDRESS);
   * undefined: production's default, no limit outside production.
   */
  registrationLimitPerAddress: number | undefined;
  portalSecret: string | undefined;
  operatorSecret: string | undefined;
  webhooks: {
    url: string | undefined;
    secret: string | undefined;
    maxAttempts: number | undefined;
    backoffMs: number | undefined;
    timeoutMs: number | undefined;
    pollMs: number;
  };
  /** False: no renewal scheduler in this process. */
  scheduler: boolean;
  /** Outside production only: the movable clock starts at this instant. */
  now: Date | undefined;
  /** Tests: pretend today is this date (Europe/Rome). */
  today: IsoDate | undefined;
  paymentProvider: string;
  allowTestProvider: boolean;
}

/** What the composer (the demo) fills in outside production when a variable is unset. */
export interface ConfigDefaults {
  /** PGlite's data folder when DATABASE_URL is unset (default `.cassa-data` in the working folder). */
  dataDir?: string;
  catalogPath?: string;
  paymentProvider?: string;
  /** Where webhooks go when CASSA_WEBHOOK_URL is unset (the demo's own receiver). */
  webhookUrl?: (port: number) => string;
  /** The customer area's address when CASSA_ACCOUNT_URL is unset (the demo's page). */
  accountUrl?: string;
}

export interface ProviderNames {
  /** Every provider this process can run, by CASSA_PAYMENT_PROVIDER name. */
  all: readonly string[];
  /** Those that take test cards as payments (the sandbox). */
  test: readonly string[];
}

/** The configuration is invalid: one line per problem, each naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=]{16,}$/;

const optionalText = z.optional(z.string());
const positive = () =>
  z.optional(
    z.string().check(
      z.refine((v) => /^[1-9]\d*$/.test(v) && Number.isSafeInteger(Number(v)), {
        message: 'must be a positive integer',
      }),
    ),
  );

/** A count per client address in a window (logins, registrations): 1 to 9 999 999. */
const perAddressLimit = () =>
  z.optional(
    z
      .string()
      .check(
        z.refine((v) => /^[1-9]\d{0,6}$/.test(v), { message: 'must be a whole number from 1' }),
      ),
  );

/** Environment variables with their shape (values are strings; an empty one counts as unset). */
const EnvSchema = z.object({
  NODE_ENV: optionalText,
  PORT: z.optional(
    z.string().check(
      z.refine((v) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
        message: 'must be a port number (1–65535)',
      }),
    ),
  ),
  DATABASE_URL: z.optional(
    z.string().check(
      z.refine((v) => /^postgres(ql)?:\/\/\S+$/.test(v), {
        message: 'must be a postgres:// connection string',
      }),
    ),
  ),
  CASSA_DATA_DIR: optionalText,
  CASSA_CATALOG: optionalText,
  CASSA_SELLER: optionalText,
  CASSA_ALLOWED_ORIGINS: optionalText,
  CASSA_PUBLIC_URL: z.optional(
    z.string().check(
      z.refine((v) => /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v) && URL.canParse(v), {
        message: 'must be an http(s) URL',
      }),
    ),
  ),
  CASSA_ACCOUNT_URL: z.optional(
    z
      .string()
      .check(
        z.refine(
          (v) =>
            /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v)
              ? URL.canParse(v)
              : /^\/(?![/\\])\S*$/.test(v) && URL.canParse(v, 'http://localhost'),
          { message: 'must be an http(s) URL or a path on this server (/…)' },
        ),
      ),
  ),
  CASSA_TRUSTED_PROXIES: optionalText,
  CASSA_LOGIN_LIMIT_PER_ADDRESS: perAddressLimit(),
  CASSA_REGISTRATION_LIMIT_PER_ADDRESS: perAddressLimit(),
  CASSA_PORTAL_SECRET: z.optional(
    z.string().check(z.minLength(16, { message: 'must be at least 16 characters' })),
  ),
  CASSA_OPERATOR_SECRET: z.optional(
    z.string().check(z.minLength(16, { message: 'must be at least 16 characters' })),
  ),
  CASSA_WEBHOOK_URL: z.optional(
    z
      .string()
      .check(z.refine((v) => /^https?:\/\/\S+$/.test(v), { message: 'must be an http(s) URL' })),
  ),
  CASSA_WEBHOOK_SECRET: z.optional(
    z
      .string()
      .check(
        z.refine((v) => WEBHOOK_SECRET.test(v), { message: 'must be whsec_ followed by base64' }),
      ),
  ),
  CASSA_WEBHOOK_MAX_ATTEMPTS: positive(),
  CASSA_WEBHOOK_BACKOFF_MS: positive(),
  CASSA_WEBHOOK_TIMEOUT_MS: positive(),
  CASSA_WEBHOOK_POLL_MS: positive(),
  CASSA_SCHEDULER: z.optional(z.enum(['on', 'off'], { message: 'must be on or off' })),
  CASSA_NOW: z.optional(
    z.string().check(
      z.refine((v) => !Number.isNaN(new Date(v).getTime()), {
        message: 'must be an ISO date and time',
      }),
    ),
  ),
  CASSA_TODAY: z.optional(
    z.string().check(z.refine((v) => isIsoDate(v), { message: 'must be YYYY-MM-DD' })),
  ),
  CASSA_PAYMENT_PROVIDER: optionalText,
  CASSA_ALLOW_TEST_PROVIDER: z.optional(z.enum(['yes', 'no'], { message: 'must be yes or no' })),
});

const ORIGIN = /^https?:\/\/[^/\s?#@]+$/;

/**
 * A value as an error line may quote it: a password in a URL's user info (`//user:password@`)
 * is masked. (DATABASE_URL and the secrets are never quoted at all.)
 */
function withoutPassword(value: string): string {
  return value.replace(/(\/\/[^/@:]*):[^/@]*@/g, '$1:…@');
}

/**
 * The configuration of `env`, or a ConfigError listing every problem. Messages never quote a
 * secret's value.
 */
export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  providers: ProviderNames,
  defaults: ConfigDefaults = {},
): ServerConfig {
  // An empty variable is an unset one (`FOO= node …`).
  const present = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]),
  );
  const parsed = EnvSchema.safeParse(present);
  const problems: string[] = [];
  const bad = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '(environment)');
      if (bad.has(name)) continue;
      bad.add(name);
      const shown = /SECRET|DATABASE_URL/.test(name)
        ? ''
        : `, got ${JSON.stringify(withoutPassword(present[name] ?? ''))}`;
      problems.push(`${name}: ${issue.message}${shown}`);
    }
  }
  const value = (name: keyof z.infer<typeof EnvSchema>) =>
    bad.has(name) ? undefined : present[name];
  const production = present.NODE_ENV === 'production';
  const port = Number(value('PORT') ?? 8080);
  const need = (name: string, what: string) =>
    problems.push(`${name}: required${production ? ' with NODE_ENV=production' : ''} (${what})`);

  const catalogPath = value('CASSA_CATALOG') ?? (production ? undefined : defaults.catalogPath);
  if (!catalogPath && !bad.has('CASSA_CATALOG')) need('CASSA_CATALOG', 'the catalog JSON file');
  const sellerPath = value('CASSA_SELLER');
  if (production && !sellerPath)
    need('CASSA_SELLER', 'a JSON file of the seller on invoices: name, Partita IVA, address…');

  // Set but empty: no other origin (unlike the other variables, where empty is unset).
  const allowedOrigins = (
    env.CASSA_ALLOWED_ORIGINS ??
    (production ? '' : `http://localhost:${port},http://127.0.0.1:${port}`)
  )
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const badOrigin = allowedOrigins.find((o) => !ORIGIN.test(o));
  if (badOrigin)
    problems.push(
      `CASSA_ALLOWED_ORIGINS: ${JSON.stringify(withoutPassword(badOrigin))} is not an origin (scheme://host[:port])`,
    );

  const publicUrl =
    value('CASSA_PUBLIC_URL') ?? (production ? undefined : `http://localhost:${port}`);
  if (!publicUrl && !bad.has('CASSA_PUBLIC_URL'))
    need('CASSA_PUBLIC_URL', 'the base URL buyers reach this server at: every link uses it');
  const trustedProxies = (value('CASSA_TRUSTED_PROXIES') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const badProxy = trustedProxies.find((p) => {
    const [address = '', bits] = p.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    return !family || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max));
  });
  if (badProxy)
    problems.push(
      `CASSA_TRUSTED_PROXIES: ${JSON.stringify(badProxy)} is not an IP address or CIDR range`,
    );

  const perAddress = value('CASSA_LOGIN_LIMIT_PER_ADDRESS');
  const loginLimitPerAddress = perAddress ? Number(perAddress) : undefined;
  const registrations = value('CASSA_REGISTRATION_LIMIT_PER_ADDRESS');
  const registrationLimitPerAddress = registrations ? Number(registrations) : undefined;

  const webhookUrl =
    value('CASSA_WEBHOOK_URL') ?? (production ? undefined : defaults.webhookUrl?.(port));
  const webhookSecret = value('CASSA_WEBHOOK_SECRET');
  if (webhookUrl && !webhookSecret && production && !bad.has('CASSA_WEBHOOK_SECRET'))
    problems.push('CASSA_WEBHOOK_SECRET: required with CASSA_WEBHOOK_URL (whsec_…)');

  // The test clocks: a movable instant, a fixed "today" (it would hold prices' dates and every
  // renewal still).
  for (const clock of ['CASSA_NOW', 'CASSA_TODAY'] as const)
    if (present[clock] && production)
      problems.push(`${clock}: for demo mode and tests only, not with NODE_ENV=production`);

  const providerName =
    value('CASSA_PAYMENT_PROVIDER') ??
    (production ? undefined : (defaults.paymentProvider ?? 'none'));
  const allowTestProvider = value('CASSA_ALLOW_TEST_PROVIDER') === 'yes';
  if (!providerName) {
    need('CASSA_PAYMENT_PROVIDER', `one of: ${providers.all.join(', ')}`);
  } else if (!providers.all.includes(providerName)) {
    problems.push(
      `CASSA_PAYMENT_PROVIDER: unknown provider ${JSON.stringify(providerName)} (one of: ${providers.all.join(', ')})`,
    );
  } else if (production && providers.test.includes(providerName) && !allowTestProvider) {
    problems.push(
      `CASSA_PAYMENT_PROVIDER: ${providerName} is a test provider (it takes public test cards as real payments); with NODE_ENV=production set CASSA_ALLOW_TEST_PROVIDER=yes to run it on purpose`,
    );
  }

  if (problems.length) throw new ConfigError(problems.map((p) => `Cassa: ${p}`));
  const number = (name: keyof z.infer<typeof EnvSchema>) => {
    const raw = value(name);
    return raw === undefined ? undefined : Number(raw);
  };
  const databaseUrl = value('DATABASE_URL');
  return {
    production,
    port,
    database: databaseUrl
      ? { url: databaseUrl }
      : { dataDir: value('CASSA_DATA_DIR') ?? defaults.dataDir ?? '.cassa-data' },
    catalogPath: catalogPath as string,
    sellerPath,
    allowedOrigins,
    publicUrl: publicUrl as string,
    accountUrl: value('CASSA_ACCOUNT_URL') ?? (production ? undefined : defaults.accountUrl),
    trustedProxies,
    loginLimitPerAddress,
    registrationLimitPerAddress,
    portalSecret: value('CASSA_PORTAL_SECRET'),
    operatorSecret: value('CASSA_OPERATOR_SECRET'),
    webhooks: {
      url: webhookUrl,
      secret: webhookSecret,
      maxAttempts: number('CASSA_WEBHOOK_MAX_ATTEMPTS'),
      backoffMs: number('CASSA_WEBHOOK_BACKOFF_MS'),
      timeoutMs: number('CASSA_WEBHOOK_TIMEOUT_MS'),
      pollMs: number('CASSA_WEBHOOK_POLL_MS') ?? 1000,
    },
    scheduler: value('CASSA_SCHEDULER') !== 'off',
    now: value('CASSA_NOW') ? new Date(value('CASSA_NOW') as string) : undefined,
    today: value('CASSA_TODAY'),
    paymentProvider: providerName as string,
    allowTestProvider,
  };
}
