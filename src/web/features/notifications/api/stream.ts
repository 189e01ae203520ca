import type { AppNotification } from '../../../api/types.ts';

/** What the stream needs of an EventSource (the browser's, or a fake in tests). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface StreamHandlers {
  /** Connected (again): the server's unread count. `isReconnect` after a drop, when events may have been missed. */
  onHello(unreadCount: number, isReconnect: boolean): void;
  onNotification(notification: AppNotification): void;
  /** The connection failed or dropped; a reconnect is scheduled after `delayMs`. */
  onDisconnect?(delayMs: number): void;
  /** The server ended the stream because the session is over: no reconnect. */
  onSessionEnded(): void;
}

export interface StreamOptions {
  url?: string;
  createEventSource?: (url: string) => EventSourceLike;
  /** First reconnect delay; doubles on every failure up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export const STREAM_URL = '/api/me/notifications/stream';

/**
 * The delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter in its upper
 * half so that every open tab of a county does not come back in the same second after a deployment.
 */
export function reconnectDelay(attempt: number, baseDelayMs = 1000, maxDelayMs = 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function parse<T>(event: MessageEvent<string>): T | null {
  try {
    return JSON.parse(event.data) as T;
  } catch {
    return null;
  }
}

/**
 * One Server-Sent Events connection to the user's notifications (`hello`, `notification`, `end`). The
 * browser's own EventSource retry is not used: any error closes the connection and this class reconnects
 * with backoff, so a server that refuses (401, 429, 503) is not hammered every 3 s. `end` with reason
 * `session_ended` stops for good; `shutdown` (a deployment) reconnects to another instance.
 */
export class NotificationStream {
  private source: EventSourceLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private hasConnected = false;
  private isStopped = true;
  private readonly url: string;
  private readonly create: (url: string) => EventSourceLike;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(
    private readonly handlers: StreamHandlers,
    options: StreamOptions = {},
  ) {
    this.url = options.url ?? STREAM_URL;
    this.create = options.createEventSource ?? ((url) => new EventSource(url, { withCredentials: true }) as unknown as EventSourceLike);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  /** Whether a connection is open or being retried. */
  get isRunning(): boolean {
    return !this.isStopped;
  }

  start(): void {
    if (!this.isStopped) return;
    this.isStopped = false;
    this.attempt = 0;
    this.connect();
  }

  /** Closes the connection and cancels any reconnect (logout, last listener gone). */
  stop(): void {
    this.isStopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
  }

  private connect(): void {
    if (this.isStopped) return;
    const source = this.create(this.url);
    this.source = source;
    source.addEventListener('hello', (event) => {
      if (source !== this.source) return;
      const body = parse<{ unreadCount?: unknown }>(event);
      const isReconnect = this.hasConnected;
      this.hasConnected = true;
      this.attempt = 0;
      this.handlers.onHello(typeof body?.unreadCount === 'number' ? body.unreadCount : 0, isReconnect);
    });
    source.addEventListener('notification', (event) => {
      if (source !== this.source) return;
      const notification = parse<AppNotification>(event);
      if (notification && typeof notification.id === 'number') this.handlers.onNotification(notification);
    });
    source.addEventListener('end', (event) => {
      if (source !== this.source) return;
      const reason = parse<{ reason?: unknown }>(event)?.reason;
      if (reason === 'session_ended') {
        this.stop();
        this.handlers.onSessionEnded();
      } else {
        this.drop();
      }
    });
    source.onerror = () => {
      if (source !== this.source) return;
      this.drop();
    };
  }

  private drop(): void {
    this.source?.close();
    this.source = null;
    if (this.isStopped || this.timer !== null) return;
    const delay = reconnectDelay(this.attempt++, this.baseDelayMs, this.maxDelayMs, this.random);
    this.handlers.onDisconnect?.(delay);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }
}
