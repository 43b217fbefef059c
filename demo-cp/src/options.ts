import { parseArgs } from 'node:util';
import type { CpMode, Environment } from '../../src/kuma/types';

export const SCENARIOS = [
  'docs-builtin',
  'docs-delegated',
  'mixed',
  'large',
  'fresh',
  'empty',
  'hostile',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface LargeScenarioSize {
  meshes: number;
  services: number;
  dataplanes: number;
}

/** Everything that shapes a demo control plane; the same flags work standalone and embedded. */
export interface DemoOptions {
  scenario: ScenarioName;
  seed: number;
  tickMs: number;
  kumaVersion: string;
  environment: Environment;
  mode: CpMode;
  zone: string;
  /** File that keeps user-written resources across restarts. */
  statePath?: string;
  large: LargeScenarioSize;
  /**
   * Simulated kuma-dp + Envoy behind every dataplane. Off, the demo is a control plane nobody
   * connected to: every dataplane offline with no insight, as a real kuma-cp without proxies.
   */
  simulateProxies: boolean;
  /** Fixed start of the simulated clock (ms since epoch); the real time when absent. */
  startTime?: number;
  /**
   * When set, the API wants `Authorization: Bearer <token>` as kuma-cp with token authn does:
   * 401 without it (except `GET /`, which Kuma never authenticates).
   */
  token?: string;
}

export const DEFAULT_OPTIONS: DemoOptions = {
  scenario: 'mixed',
  seed: 1,
  tickMs: 2000,
  kumaVersion: '2.14.3',
  environment: 'universal',
  mode: 'standalone',
  // kuma-cp's own default (`multizone.zone.name`), which a standalone control plane uses too.
  zone: 'default',
  simulateProxies: true,
  large: { meshes: 10, services: 500, dataplanes: 5000 },
};

export const DEMO_OPTION_FLAGS = {
  scenario: { type: 'string' },
  seed: { type: 'string' },
  'tick-ms': { type: 'string' },
  'kuma-version': { type: 'string' },
  environment: { type: 'string' },
  mode: { type: 'string' },
  zone: { type: 'string' },
  state: { type: 'string' },
  meshes: { type: 'string' },
  services: { type: 'string' },
  dataplanes: { type: 'string' },
  'start-time': { type: 'string' },
  token: { type: 'string' },
  proxies: { type: 'string' },
} as const;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function positiveInt(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new Error(`--${flag} must be a non-negative integer (got "${value}")`);
  }
  return number;
}

type DemoFlagValues = Partial<Record<keyof typeof DEMO_OPTION_FLAGS, string>>;

/** Reads the demo flags out of already-parsed values; throws a readable error on bad input. */
export function demoOptionsFrom(values: DemoFlagValues): DemoOptions {
  const options: DemoOptions = { ...DEFAULT_OPTIONS, large: { ...DEFAULT_OPTIONS.large } };
  if (values.scenario) options.scenario = oneOf('scenario', values.scenario, SCENARIOS);
  if (values.seed) options.seed = positiveInt('seed', values.seed);
  if (values['tick-ms']) options.tickMs = positiveInt('tick-ms', values['tick-ms']);
  if (values['kuma-version']) {
    const version = values['kuma-version'].replace(/^v/, '');
    if (!/^\d+\.\d+(\.\d+|\.x)?$/.test(version)) {
      throw new Error(`--kuma-version must look like 2.14.3 or 2.6.x (got "${version}")`);
    }
    options.kumaVersion = version.replace(/\.x$/, '.0');
  }
  if (values.environment) {
    options.environment = oneOf('environment', values.environment, [
      'universal',
      'kubernetes',
    ] as const);
  }
  if (values.mode) {
    options.mode = oneOf('mode', values.mode, ['standalone', 'global', 'zone'] as const);
  }
  if (values.zone) options.zone = values.zone;
  if (values.state) options.statePath = values.state;
  if (values.meshes) options.large.meshes = Math.max(1, positiveInt('meshes', values.meshes));
  if (values.services) options.large.services = positiveInt('services', values.services);
  if (values.dataplanes) options.large.dataplanes = positiveInt('dataplanes', values.dataplanes);
  if (values['start-time']) options.startTime = Date.parse(values['start-time']);
  if (values.token) options.token = values.token;
  if (values.proxies) {
    options.simulateProxies =
      oneOf('proxies', values.proxies, ['simulated', 'none'] as const) === 'simulated';
  }
  return options;
}

export function parseDemoArgs(argv: string[]): DemoOptions & { port: number; host: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...DEMO_OPTION_FLAGS,
      port: { type: 'string' },
      host: { type: 'string' },
    },
    strict: true,
  });
  return {
    ...demoOptionsFrom(values),
    port: values.port ? positiveInt('port', values.port) : 5681,
    host: values.host ?? '127.0.0.1',
  };
}
