import { parseArgs } from 'node:util';
import { DEMO_OPTION_FLAGS, type DemoOptions, demoOptionsFrom } from '../demo-cp/src/options';
import { parseAllowedHosts } from './request-guard';

export interface ServerOptions {
  port: number;
  host: string;
  /** A real control plane to proxy `/api/*` to; the embedded demo when absent. */
  upstreamUrl?: URL;
  /** Injected as `Authorization: Bearer …` when the browser sends none; never sent to the browser. */
  upstreamToken?: string;
  upstreamTimeoutMs: number;
  demo: DemoOptions;
  /** Host names accepted besides loopback and `host` (`ALLOWED_HOSTS`, comma-separated). */
  allowedHosts: string[];
  /** Rebuild the SPA only when its sources are newer than `dist/`. */
  skipBuild: boolean;
}

function parseUpstream(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`KUMA_CP_URL is not a URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`KUMA_CP_URL must be http(s) (got "${url.protocol}")`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(
      'KUMA_CP_URL must not carry a query, fragment or credentials (use KUMA_CP_TOKEN)',
    );
  }
  return url;
}

export function parseServerOptions(argv: string[], env: NodeJS.ProcessEnv): ServerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...DEMO_OPTION_FLAGS,
      port: { type: 'string' },
      host: { type: 'string' },
      'skip-build': { type: 'boolean' },
    },
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port / PORT must be a port number (got "${portText}")`);
  }
  const timeoutText = env.KUMA_CP_TIMEOUT_MS ?? '15000';
  const upstreamTimeoutMs = Number(timeoutText);
  if (!Number.isInteger(upstreamTimeoutMs) || upstreamTimeoutMs <= 0) {
    throw new Error(`KUMA_CP_TIMEOUT_MS must be a positive number of ms (got "${timeoutText}")`);
  }
  return {
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    upstreamUrl: parseUpstream(env.KUMA_CP_URL),
    // A blank token (an empty secret mounted as the variable) is no token.
    upstreamToken: env.KUMA_CP_TOKEN?.trim() || undefined,
    upstreamTimeoutMs,
    demo: demoOptionsFrom(values),
    allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS),
    skipBuild: values['skip-build'] ?? false,
  };
}
