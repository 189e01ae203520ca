import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type Config } from '../src/server/config.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Readonly<Config>;
  close(): Promise<void>;
}

/** Builds the real application on a fresh test database (no web build, no background worker loop). */
export async function createTestApp(
  overrides: Partial<Config> = {},
  database?: TestDatabase,
  logStream?: { write(line: string): void },
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  // Every test request comes from 127.0.0.1: a high login rate keeps the limiter out of the way, except
  // in the test of the limiter itself, which sets its own.
  // Tests move session times in the database, so the session cache is off unless a test turns it on.
  const config = loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory', LOGIN_RATE_PER_MINUTE: '10000', SESSION_CACHE_SECONDS: '0' }, { ...overrides });
  const app = await buildApp({ config, database: db, serveWeb: false, logStream });
  await app.ready();
  return {
    app,
    database: db,
    config,
    close: async () => {
      await app.close();
      if (!database) await db.destroy();
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A browser-like client over app.inject: keeps cookies, fetches and sends the CSRF token, so tests
 * exercise the same protections a real browser goes through.
 */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keepCookies(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const isCleared = cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (isCleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  getCookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(method: Method, url: string, body?: unknown, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const needsCsrf = method !== 'GET' && options.csrf !== false;
    if (needsCsrf && !this.csrfToken) {
      const response = await this.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: this.cookieHeader() } });
      this.keepCookies(response);
      this.csrfToken = response.json<{ token: string }>().token;
    }
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...options.headers };
    if (needsCsrf && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined && (typeof body === 'string' ? { payload: body } : { payload: body as object })),
    });
    this.keepCookies(response);
    return response;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, options?: { csrf?: boolean; headers?: Record<string, string> }) {
    return this.request('POST', url, body ?? {}, options);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.post('/api/auth/login', { username, password });
    // The server rotates the CSRF secret at sign-in, as a browser's client refetches the token after it.
    if (response.statusCode === 200) this.csrfToken = null;
    return response;
  }
}
