import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationStream, reconnectDelay, type EventSourceLike } from './stream.ts';

class FakeSource implements EventSourceLike {
  static all: FakeSource[] = [];
  onerror: ((event: Event) => void) | null = null;
  isClosed = false;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) } as MessageEvent<string>);
  }

  fail() {
    this.onerror?.(new Event('error'));
  }

  close() {
    this.isClosed = true;
  }
}

const notification = { id: 7, kind: 'application.status', params: {}, title: { zh: '申报已受理', en: 'accepted' }, body: { zh: '', en: '' }, link: '/portal/applications/1', enterpriseId: 1, createdAt: '2026-11-28T01:00:00.000Z', readAt: null };

function setup() {
  const handlers = { onHello: vi.fn(), onNotification: vi.fn(), onDisconnect: vi.fn(), onSessionEnded: vi.fn() };
  const stream = new NotificationStream(handlers, { createEventSource: (url) => new FakeSource(url), random: () => 1 });
  return { handlers, stream };
}

beforeEach(() => {
  FakeSource.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('reconnectDelay', () => {
  it('doubles from the base, jittered within the upper half, and stops at the cap', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(reconnectDelay(2, 1000, 60_000, () => 0)).toBe(2000);
    expect(reconnectDelay(40, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('NotificationStream', () => {
  it('connects once, passes hello and notifications on, and ignores malformed events', () => {
    const { handlers, stream } = setup();
    stream.start();
    stream.start();
    expect(FakeSource.all).toHaveLength(1);
    expect(FakeSource.all[0].url).toBe('/api/me/notifications/stream');
    FakeSource.all[0].emit('hello', { unreadCount: 3 });
    FakeSource.all[0].emit('notification', notification);
    FakeSource.all[0].emit('notification', 'nonsense');
    expect(handlers.onHello).toHaveBeenCalledWith(3, false);
    expect(handlers.onNotification).toHaveBeenCalledTimes(1);
    expect(handlers.onNotification).toHaveBeenCalledWith(notification);
  });

  it('reconnects with growing delays after errors, and starts over once connected', () => {
    const { handlers, stream } = setup();
    stream.start();
    FakeSource.all[0].fail();
    expect(FakeSource.all[0].isClosed).toBe(true);
    expect(handlers.onDisconnect).toHaveBeenLastCalledWith(1000);
    vi.advanceTimersByTime(999);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSource.all).toHaveLength(2);
    FakeSource.all[1].fail();
    expect(handlers.onDisconnect).toHaveBeenLastCalledWith(2000);
    vi.advanceTimersByTime(2000);
    FakeSource.all[2].emit('hello', { unreadCount: 0 });
    // A hello after a drop is a reconnect: the caller refetches what it may have missed.
    expect(handlers.onHello).toHaveBeenLastCalledWith(0, false);
    FakeSource.all[2].fail();
    expect(handlers.onDisconnect).toHaveBeenLastCalledWith(1000);
    vi.advanceTimersByTime(1000);
    FakeSource.all[3].emit('hello', { unreadCount: 1 });
    expect(handlers.onHello).toHaveBeenLastCalledWith(1, true);
  });

  it('reconnects after a shutdown, but not after the session ended', () => {
    const { handlers, stream } = setup();
    stream.start();
    FakeSource.all[0].emit('end', { reason: 'shutdown' });
    vi.advanceTimersByTime(1000);
    expect(FakeSource.all).toHaveLength(2);
    FakeSource.all[1].emit('end', { reason: 'session_ended' });
    expect(handlers.onSessionEnded).toHaveBeenCalledTimes(1);
    expect(FakeSource.all[1].isClosed).toBe(true);
    vi.advanceTimersByTime(120_000);
    expect(FakeSource.all).toHaveLength(2);
    expect(stream.isRunning).toBe(false);
  });

  it('stops for good on stop(): no pending reconnect, late events of the old source ignored', () => {
    const { handlers, stream } = setup();
    stream.start();
    const first = FakeSource.all[0];
    first.fail();
    stream.stop();
    vi.advanceTimersByTime(120_000);
    expect(FakeSource.all).toHaveLength(1);
    first.emit('notification', notification);
    expect(handlers.onNotification).not.toHaveBeenCalled();
  });
});
