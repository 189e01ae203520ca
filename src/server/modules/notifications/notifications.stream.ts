import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { presentNotification } from './notifications.presenter.ts';
import * as repo from './notifications.repository.ts';

/** Where a stream's text goes (the HTTP response); the hub owns the event-stream format. */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
  /** Bytes written that the client has not taken yet. */
  readonly backlogBytes: number;
}

export interface NotificationHubOptions {
  pollMs: number;
  /** SESSION_IDLE_MINUTES: a stream ends when its session would no longer sign a request in. */
  idleMinutes: number;
  heartbeatMs?: number;
  maxStreamsPerUser?: number;
  maxBacklogBytes?: number;
}

interface Listener {
  userId: number;
  sessionHash: string;
  sink: StreamSink;
  /** Connected since the last poll: gets its hello from the next poll. */
  isNew: boolean;
}

/** Why a stream ended, sent as `event: end` so the web knows whether to reconnect. */
export type StreamEndReason = 'session_ended' | 'shutdown';

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/**
 * The notification streams (SSE) of one app instance. The instance runs ONE poller, only while it has
 * streams: every `pollMs` it reads, in one repeatable-read snapshot, the notifications committed since
 * its previous snapshot for the users connected here, the unread counts for streams that just connected
 * (their `hello`), and which sessions are still alive. Nothing is held in memory that another instance
 * would need, so any number of instances serve streams from one database; a notification written by any
 * instance reaches a stream on any other within one poll.
 *
 * Consistency: a new stream's hello counts what its first poll's snapshot sees; every later notification
 * is one the snapshot did not see, so each is announced exactly once, however transactions interleave.
 */
export class NotificationHub {
  private readonly listeners = new Set<Listener>();
  private snapshot: string | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private isWakeRequested = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private isClosed = false;
  private readonly heartbeatMs: number;
  private readonly maxStreamsPerUser: number;
  private readonly maxBacklogBytes: number;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: NotificationHubOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    this.maxStreamsPerUser = options.maxStreamsPerUser ?? 10;
    this.maxBacklogBytes = options.maxBacklogBytes ?? 1024 * 1024;
  }

  /** Open streams of this instance. */
  get streamCount(): number {
    return this.listeners.size;
  }

  /**
   * Opens a stream for a signed-in session. Returns the function that closes it (client gone); the hub
   * ends it by itself when the session ends or the app shuts down.
   */
  open(subscriber: { userId: number; sessionHash: string }, sink: StreamSink): () => void {
    if (this.isClosed) throw new AppError('unavailable', 'The server is shutting down');
    let ofUser = 0;
    for (const listener of this.listeners) if (listener.userId === subscriber.userId) ofUser++;
    // Each stream holds a connection and a share of every poll: a runaway tab opener is stopped here.
    if (ofUser >= this.maxStreamsPerUser) throw new AppError('rate_limited', `At most ${this.maxStreamsPerUser} notification streams per user`);
    const listener: Listener = { ...subscriber, sink, isNew: true };
    this.listeners.add(listener);
    // Browsers reconnect after this many ms when a stream drops (another instance takes over).
    this.write(listener, 'retry: 3000\n\n');
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
      this.heartbeat.unref();
    }
    if (!this.loop) this.loop = this.run();
    this.poke();
    return () => this.remove(listener, null);
  }

  /** Ends every stream (with `event: end`, reason shutdown) and stops the poller; for app.close(). */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const listener of [...this.listeners]) this.remove(listener, 'shutdown');
    this.poke();
    await this.loop;
  }

  private remove(listener: Listener, reason: StreamEndReason | null): void {
    if (!this.listeners.delete(listener)) return;
    if (reason) listener.sink.write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    listener.sink.end();
    if (this.listeners.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private write(listener: Listener, chunk: string): void {
    listener.sink.write(chunk);
    // A client that stopped reading would make the buffer grow without end: drop it (it reconnects).
    if (listener.sink.backlogBytes > this.maxBacklogBytes) {
      this.log.warn({ userId: listener.userId }, 'notification stream dropped: client not reading');
      this.remove(listener, null);
    }
  }

  private beat(): void {
    // A comment line: keeps proxies from closing an idle connection, and is ignored by EventSource.
    for (const listener of [...this.listeners]) this.write(listener, ': heartbeat\n\n');
  }

  private poke(): void {
    this.isWakeRequested = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    await null; // let open() record this loop before it can end
    for (;;) {
      if (this.listeners.size === 0 || this.isClosed) {
        // Nobody listens: the next stream starts from a fresh snapshot, announced by its hello.
        this.snapshot = null;
        this.loop = null;
        return;
      }
      this.isWakeRequested = false;
      try {
        await this.poll();
      } catch (error) {
        this.log.error({ err: error }, 'notification poll failed');
      }
      if (this.isWakeRequested || this.listeners.size === 0 || this.isClosed) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async poll(): Promise<void> {
    const listeners = [...this.listeners];
    const fresh = listeners.filter((listener) => listener.isNew);
    const known = listeners.filter((listener) => !listener.isNew);
    const since = this.snapshot;
    const seen = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // First statement: fixes the transaction's snapshot, which every read below shares.
        const snapshot = await repo.currentSnapshot(trx);
        const rows = since ? await repo.findCommittedSince(trx, since, unique(known.map((listener) => listener.userId))) : [];
        const unread = await repo.countUnreadByUser(trx, unique(fresh.map((listener) => listener.userId)));
        const liveSessions = await repo.findLiveSessions(trx, unique(listeners.map((listener) => listener.sessionHash)), this.options.idleMinutes);
        return { snapshot, rows, unread, liveSessions };
      });
    this.snapshot = seen.snapshot;

    const events = new Map<number, string[]>();
    for (const row of seen.rows) {
      const list = events.get(row.user_id) ?? [];
      list.push(`event: notification\ndata: ${JSON.stringify(presentNotification(row))}\n\n`);
      events.set(row.user_id, list);
    }
    for (const listener of listeners) {
      if (!this.listeners.has(listener)) continue; // closed while we polled
      if (!seen.liveSessions.has(listener.sessionHash)) {
        this.remove(listener, 'session_ended');
        continue;
      }
      if (listener.isNew) {
        this.write(listener, `event: hello\ndata: ${JSON.stringify({ unreadCount: seen.unread.get(listener.userId) ?? 0 })}\n\n`);
        listener.isNew = false;
      } else {
        for (const event of events.get(listener.userId) ?? []) this.write(listener, event);
      }
    }
  }
}
