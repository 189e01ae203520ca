import type { ErrorBody } from './types.ts';

/**
 * An error from the API, parsed from `{"error":{"code","message","details"}}`. Failures that never got
 * an answer (offline, DNS, CORS, aborted) have status 0 and code `network`; an answer that is not the
 * error shape (a proxy's HTML page, say) gets code `http_<status>`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown[];

  constructor(status: number, code: string, message: string, details: unknown[] = []) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Do not treat a 401 as "the session ended". For the login call (a 401 there is a wrong password) and
   * for `GET /api/auth/me` (a 401 there just means "not signed in"; the route guard handles it).
   */
  skipAuthRedirect?: boolean;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Prefix of every path, '' in the browser (same origin). */
  baseUrl?: string;
}

const CSRF_HEADER = 'x-csrf-token';
const CSRF_PATH = '/api/auth/csrf';

/** Builds `path?k=v…`, leaving out empty values so the server's defaults apply. */
export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The ApiError of an answer: the platform's error shape when the body has it, else the HTTP status. */
function errorOf(status: number, statusText: string, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(status, error.code, typeof error.message === 'string' ? error.message : '', Array.isArray(error.details) ? error.details : []);
  }
  return new ApiError(status, `http_${status}`, statusText);
}

async function readError(response: Response): Promise<ApiError> {
  return errorOf(response.status, response.statusText, await response.text().catch(() => ''));
}

export interface UploadOptions {
  /** Upload progress, 0–100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs multipart/form-data through XMLHttpRequest, which (unlike fetch) reports upload progress: a 20 MB
 * file over a county network takes a while. Sends the CSRF token like every other state change.
 */
function postForm<T>(url: string, form: FormData, token: string, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      else reject(errorOf(xhr.status, xhr.statusText, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/**
 * A small fetch wrapper for the platform API: JSON in and out, cookies same-origin, the CSRF token sent
 * on every non-GET request (fetched once, refetched once when the server says it is invalid), and a hook
 * for "the session is gone" so the app can send the user to the login page.
 */
export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const baseUrl = options.baseUrl ?? '';
  let csrfToken: Promise<string> | null = null;
  let onUnauthorized: ((error: ApiError) => void) | null = null;

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(baseUrl + path, { credentials: 'same-origin', ...init });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'network error');
    }
  }

  async function fetchCsrfToken(): Promise<string> {
    const response = await send(CSRF_PATH, { method: 'GET', headers: { accept: 'application/json' } });
    if (!response.ok) throw await readError(response);
    const body = (await response.json()) as { token?: unknown };
    if (typeof body.token !== 'string') throw new ApiError(response.status, 'csrf_invalid', 'no CSRF token');
    return body.token;
  }

  /** The current CSRF token, fetched on first use; a failed fetch is forgotten so the next call retries. */
  function ensureCsrfToken(refresh = false): Promise<string> {
    if (refresh || !csrfToken) {
      const pending = fetchCsrfToken();
      csrfToken = pending;
      pending.catch(() => {
        if (csrfToken === pending) csrfToken = null;
      });
    }
    return csrfToken;
  }

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const method = opts.method ?? 'GET';
    const url = buildUrl(path, opts.query);
    const isSafe = method === 'GET';

    const attempt = async (refreshToken: boolean): Promise<Response> => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      if (!isSafe) headers[CSRF_HEADER] = await ensureCsrfToken(refreshToken);
      return send(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
    };

    let response = await attempt(false);
    let error = response.ok ? null : await readError(response);
    if (error && !isSafe && error.status === 403 && error.code === 'csrf_invalid') {
      // The secret cookie may have expired or been rotated at login: one fresh token, one retry.
      response = await attempt(true);
      error = response.ok ? null : await readError(response);
    }
    if (error) {
      // A wrong current password on /api/auth/password is also a 401; only a lost session redirects.
      if (error.status === 401 && !opts.skipAuthRedirect && error.code !== 'invalid_credentials') {
        onUnauthorized?.(error);
      }
      throw error;
    }
    // Signing in rotates the CSRF secret: the next change fetches the token that goes with the new one.
    if (path === '/api/auth/login') csrfToken = null;
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    request,
    get: <T>(path: string, query?: QueryParams, opts?: Omit<RequestOptions, 'method' | 'query'>) =>
      request<T>(path, { ...opts, method: 'GET', query }),
    post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
      request<T>(path, { ...opts, method: 'POST', body }),
    patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
      request<T>(path, { ...opts, method: 'PATCH', body }),
    put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
      request<T>(path, { ...opts, method: 'PUT', body }),
    delete: <T>(path: string, opts?: Omit<RequestOptions, 'method'>) => request<T>(path, { ...opts, method: 'DELETE' }),
    /** Uploads a form with files (multipart), with progress; a stale CSRF token gets one fresh retry. */
    upload: async <T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> => {
      try {
        return await postForm<T>(baseUrl + path, form, await ensureCsrfToken(), opts);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'csrf_invalid')) throw error;
        return postForm<T>(baseUrl + path, form, await ensureCsrfToken(true), opts);
      }
    },
    /** Fetches the CSRF token ahead of the first form submit. Errors are left for that submit to report. */
    prefetchCsrfToken: () => {
      ensureCsrfToken().catch(() => undefined);
    },
    /** Forget the token, e.g. after logout, when the server may have rotated the secret. */
    resetCsrfToken: () => {
      csrfToken = null;
    },
    setUnauthorizedHandler: (handler: ((error: ApiError) => void) | null) => {
      onUnauthorized = handler;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client. */
export const api = createApiClient();
