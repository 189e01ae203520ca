import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a webhook receiver gets: one notification, in Chinese (the outbound channels are SMS, WeChat …). */
export interface WebhookPayload {
  /** The notification id: a receiver dedupes on it, since delivery is at least once. */
  id: number;
  kind: string;
  userId: number;
  enterpriseId?: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookResult {
  isDelivered: boolean;
  /** HTTP status of the answer; null when there was none (timeout, refused connection …). */
  status: number | null;
  error: string | null;
}

/** How long a receiver has to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Of a failing answer, this much of the body is kept to show the administrator why. */
const ERROR_BODY_CHARS = 300;

/**
 * The signature header value: `v1=` + hex HMAC-SHA256(secret, timestamp + "." + rawBody). The timestamp
 * is signed with the body so a captured request cannot be replayed later with a fresh timestamp.
 */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * Checks a received webhook the way a receiver should: the signature over the raw body, compared in
 * constant time, and a timestamp within `toleranceSeconds` of now (replays of old requests fail).
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  rawBody: string,
  signature: string,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function readSnippet(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    // Read only the start: a hostile or broken receiver may answer with an endless body.
    while (text.length < ERROR_BODY_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, ERROR_BODY_CHARS);
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `request failed: ${detail}`;
}

/**
 * POSTs one payload, signed, to the receiver. Never throws for the receiver's failures: a 2xx answer
 * is delivered, anything else (other status, redirect, timeout, refused connection) is reported for
 * the retry schedule. Redirects are not followed: the receiver is configured, not discovered.
 */
export async function postWebhook(
  target: WebhookTarget,
  payload: WebhookPayload,
  { timeoutMs = WEBHOOK_TIMEOUT_MS, now = Date.now() }: { timeoutMs?: number; now?: number } = {},
): Promise<WebhookResult> {
  const rawBody = JSON.stringify(payload);
  const timestamp = String(Math.floor(now / 1000));
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'dianxiaoer-webhook/1',
        'x-dxe-timestamp': timestamp,
        'x-dxe-signature': signWebhook(target.secret, timestamp, rawBody),
      },
      body: rawBody,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { isDelivered: false, status: null, error: describeFailure(error, timeoutMs) };
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel().catch(() => undefined);
    return { isDelivered: true, status: response.status, error: null };
  }
  const snippet = await readSnippet(response).catch(() => '');
  return { isDelivered: false, status: response.status, error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}` };
}
