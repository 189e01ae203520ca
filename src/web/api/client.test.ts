import { describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, createApiClient } from './client.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  credentials: RequestCredentials | undefined;
}

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A fake server: answers from `handler`, records every call. */
function fakeFetch(handler: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body as string | undefined,
      credentials: init?.credentials,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  });
  return { calls, fetch: fetchImpl as unknown as typeof fetch };
}

describe('buildUrl', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildUrl('/api/x', { q: 'a b', page: 1, role: undefined, orgId: null, empty: '' })).toBe('/api/x?q=a+b&page=1');
    expect(buildUrl('/api/x', {})).toBe('/api/x');
  });
});

describe('api client', () => {
  it('sends cookies same-origin and parses JSON', async () => {
    const server = fakeFetch(() => json(200, { status: 'ok' }));
    const api = createApiClient({ fetch: server.fetch });
    await expect(api.get('/api/health')).resolves.toEqual({ status: 'ok' });
    expect(server.calls[0].credentials).toBe('same-origin');
    expect(server.calls[0].headers['x-csrf-token']).toBeUndefined();
  });

  it('parses the error shape into an ApiError', async () => {
    const server = fakeFetch(() => json(423, { error: { code: 'account_locked', message: 'locked', details: [{ lockedUntil: '2030-01-01T00:00:00Z' }] } }));
    const api = createApiClient({ fetch: server.fetch });
    const error = await api.get('/api/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 423, code: 'account_locked', details: [{ lockedUntil: '2030-01-01T00:00:00Z' }] });
  });

  it('gives a non-JSON error an http_<status> code and a failed fetch the code network', async () => {
    const html = createApiClient({ fetch: fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502 })).fetch });
    await expect(html.get('/api/x')).rejects.toMatchObject({ status: 502, code: 'http_502' });
    const offline = createApiClient({
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch,
    });
    await expect(offline.get('/api/x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('fetches the CSRF token once and sends it on every non-GET request', async () => {
    const server = fakeFetch((call) => (call.url === '/api/auth/csrf' ? json(200, { token: 't1' }) : call.method === 'POST' ? json(204, null) : json(200, {})));
    const api = createApiClient({ fetch: server.fetch });
    await api.post('/api/a', { x: 1 });
    await api.patch('/api/b', { y: 2 });
    await api.delete('/api/c');
    expect(server.calls.filter((call) => call.url === '/api/auth/csrf')).toHaveLength(1);
    const writes = server.calls.filter((call) => call.url !== '/api/auth/csrf');
    expect(writes.map((call) => call.headers['x-csrf-token'])).toEqual(['t1', 't1', 't1']);
    expect(writes[0].headers['content-type']).toBe('application/json');
    expect(writes[0].body).toBe('{"x":1}');
  });

  it('refetches the token and retries once on 403 csrf_invalid', async () => {
    let token = 0;
    const server = fakeFetch((call) => {
      if (call.url === '/api/auth/csrf') return json(200, { token: `t${++token}` });
      return call.headers['x-csrf-token'] === 't2' ? json(200, { ok: true }) : json(403, { error: { code: 'csrf_invalid', message: '' } });
    });
    const api = createApiClient({ fetch: server.fetch });
    await expect(api.post('/api/a', {})).resolves.toEqual({ ok: true });
    expect(server.calls.map((call) => `${call.method} ${call.url} ${call.headers['x-csrf-token'] ?? ''}`.trim())).toEqual([
      'GET /api/auth/csrf',
      'POST /api/a t1',
      'GET /api/auth/csrf',
      'POST /api/a t2',
    ]);
  });

  it('retries only once when the token stays invalid', async () => {
    const server = fakeFetch((call) => (call.url === '/api/auth/csrf' ? json(200, { token: 't' }) : json(403, { error: { code: 'csrf_invalid', message: '' } })));
    const api = createApiClient({ fetch: server.fetch });
    await expect(api.post('/api/a', {})).rejects.toMatchObject({ status: 403, code: 'csrf_invalid' });
    expect(server.calls.filter((call) => call.url === '/api/a')).toHaveLength(2);
  });

  it('calls the unauthorised handler on a 401, except for skipAuthRedirect and a wrong password', async () => {
    const server = fakeFetch((call) =>
      call.url === '/api/auth/csrf'
        ? json(200, { token: 't' })
        : call.url === '/api/auth/password'
          ? json(401, { error: { code: 'invalid_credentials', message: '' } })
          : json(401, { error: { code: 'unauthenticated', message: '' } }),
    );
    const api = createApiClient({ fetch: server.fetch });
    const onUnauthorized = vi.fn();
    api.setUnauthorizedHandler(onUnauthorized);

    await expect(api.post('/api/auth/login', {}, { skipAuthRedirect: true })).rejects.toMatchObject({ status: 401 });
    await expect(api.post('/api/auth/password', {})).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(onUnauthorized).not.toHaveBeenCalled();

    await expect(api.get('/api/admin/users')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('returns undefined for 204', async () => {
    const server = fakeFetch((call) => (call.url === '/api/auth/csrf' ? json(200, { token: 't' }) : json(204, null)));
    await expect(createApiClient({ fetch: server.fetch }).post('/api/auth/logout')).resolves.toBeUndefined();
  });

  it('tries the token again after a failed token fetch', async () => {
    const server = fakeFetch((call, index) =>
      call.url === '/api/auth/csrf' ? (index === 0 ? json(500, { error: { code: 'internal', message: '' } }) : json(200, { token: 'ok' })) : json(200, {}),
    );
    const api = createApiClient({ fetch: server.fetch });
    await expect(api.post('/api/a', {})).rejects.toMatchObject({ status: 500 });
    await expect(api.post('/api/a', {})).resolves.toEqual({});
    expect(server.calls.at(-1)?.headers['x-csrf-token']).toBe('ok');
  });
});
