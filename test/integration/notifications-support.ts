import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { NotificationInput } from '../../src/server/modules/notifications/notifications.schemas.ts';

let sequence = 0;

/** A valid notification; each call names a new event unless `dedupeKey` is given. */
export function sampleNotification(overrides: Partial<NotificationInput> = {}): NotificationInput {
  sequence++;
  return {
    kind: 'policy.pushed',
    params: { policyId: sequence, amountFen: 5_000_000 },
    titleZh: `您可享受新政策 ${sequence}`,
    titleEn: `A new policy for you ${sequence}`,
    bodyZh: '预计可获 ¥50,000',
    bodyEn: 'Estimated ¥50,000',
    link: `/policies/${sequence}`,
    dedupeKey: `test-event-${sequence}-${randomBytes(4).toString('hex')}`,
    ...overrides,
  };
}

export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * A Server-Sent Events client over node:http (a real listening server, since app.inject cannot stream):
 * collects events and comments, and waits for one. Not fetch: undici opens a spare pooled connection
 * when a streamed response is aborted, which holds up server.close() for its header timeout.
 */
export class SseClient {
  readonly events: StreamEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  isEnded = false;
  private waiters: (() => void)[] = [];
  private request: http.ClientRequest | null = null;
  private ended: Promise<void> = Promise.resolve();

  static async connect(url: string, cookie: string | null): Promise<SseClient> {
    const client = new SseClient();
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      client.request = http.get(url, { agent: false, headers: { accept: 'text/event-stream', ...(cookie && { cookie }) } }, resolve);
      client.request.on('error', reject);
    });
    client.status = response.statusCode ?? 0;
    client.ended = new Promise<void>((resolve) => response.once('close', resolve)).then(() => {
      client.isEnded = true;
      client.notify();
    });
    if (client.status !== 200) {
      response.resume();
      return client;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    response.on('data', (chunk: Buffer) => {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        client.parse(block);
      }
      client.notify();
    });
    response.on('error', () => undefined); // destroyed by close()
    return client;
  }

  private parse(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) this.events.push({ event, data: JSON.parse(data.join('\n')) });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Waits until `predicate` holds (checked on every chunk), or fails after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; events: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the n-th (1-based) event named `event` and returns its data. */
  async waitForEvent<T = Record<string, unknown>>(event: string, n = 1, timeoutMs = 5000): Promise<T> {
    await this.waitUntil(() => this.events.filter((e) => e.event === event).length >= n, timeoutMs, `event ${event} #${n}`);
    return this.events.filter((e) => e.event === event)[n - 1].data as T;
  }

  /** Hangs up, as a browser tab closing does. */
  async close(): Promise<void> {
    this.request?.destroy();
    await this.ended;
  }
}
