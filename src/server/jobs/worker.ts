import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, JobRow } from '../db/schema.ts';
import { claimNextJob, completeJob, extendLease, failJob } from './queue.ts';

export interface JobContext {
  db: Kysely<DB>;
  job: JobRow;
  /** Call during long work so the lease does not expire and another instance does not take over. */
  heartbeat(): Promise<void>;
  log: FastifyBaseLogger;
}

/**
 * A job handler. It must be idempotent: a job may run twice (its worker died after doing the work but
 * before marking it done), so handlers check what is already done, e.g. with unique keys.
 */
export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<unknown>;

export interface WorkerOptions {
  pollMs: number;
  leaseSeconds: number;
}

/**
 * Claims and runs jobs in this app instance, one at a time. Several instances each run a worker on the
 * same database; the queue's SKIP LOCKED claim keeps them from running a job twice.
 */
export class JobWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private isRunning = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: WorkerOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** The job kinds this instance runs. */
  get kinds(): string[] {
    return [...this.handlers.keys()].sort();
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.loop = this.run();
  }

  /** Asks the loop to look for work now (after enqueueing), instead of at the next poll. */
  poke(): void {
    this.wake?.();
  }

  /** Stops claiming and waits for the job in hand to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.wake?.();
    await this.loop;
  }

  /** Runs due jobs until none is left; returns how many ran. For tests and CLI commands. */
  async drain(): Promise<number> {
    let count = 0;
    while (await this.runOne()) count++;
    return count;
  }

  private async run(): Promise<void> {
    while (this.isRunning) {
      let didWork = false;
      try {
        didWork = await this.runOne();
      } catch (error) {
        this.log.error({ err: error }, 'job worker: claim failed');
      }
      if (!didWork && this.isRunning) {
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
  }

  private async runOne(): Promise<boolean> {
    const job = await claimNextJob(this.db, this.id, [...this.handlers.keys()], this.options.leaseSeconds);
    if (!job) return false;
    const handler = this.handlers.get(job.kind)!;
    const log = this.log.child({ jobId: job.id, jobKind: job.kind });
    try {
      const result = await handler(job.payload, {
        db: this.db,
        job,
        log,
        heartbeat: () => extendLease(this.db, job.id, this.id, this.options.leaseSeconds),
      });
      const isMine = await completeJob(this.db, job.id, this.id, result);
      if (!isMine) log.warn('job finished after its lease was taken over');
    } catch (error) {
      log.error({ err: error }, 'job failed');
      await failJob(this.db, job, this.id, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    return true;
  }
}
