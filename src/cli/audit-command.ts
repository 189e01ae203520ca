import type { Config } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { verifyAuditChain } from '../server/modules/audit/index.ts';
import { createProgress } from './progress.ts';

export const AUDIT_HELP = `  audit verify [--batch N]               walk the audit log's hash chain and report the first broken link
                                         (an entry changed, removed or slipped in with owner rights); exit
                                         code 0 when the chain holds, 3 when it is broken`;

/** `audit verify`: the auditor's check of the whole log, with a progress bar. */
export async function runAuditCommand(config: Readonly<Config>, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new Error('usage: audit verify [--batch N]');
  let batchSize = 5000;
  if (rest[0] === '--batch') {
    batchSize = Number(rest[1]);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new Error('--batch must be an integer from 1 to 100,000');
  } else if (rest.length > 0) throw new Error('usage: audit verify [--batch N]');
  // Reading needs no owner rights: the application's own login (DATABASE_URL) may read the log and its chain.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    const progress = createProgress();
    const result = await verifyAuditChain(database.db, { batchSize, onProgress: (done, total) => progress.update('audit chain', done, total) });
    progress.stop();
    const seconds = (result.durationMs / 1000).toFixed(1);
    if (result.ok) {
      console.log(`audit chain holds: ${result.checked.toLocaleString('en-US')} entries verified in ${seconds} s; head ${result.headHash}`);
      return 0;
    }
    const b = result.firstBreak!;
    console.log(`audit chain BROKEN at link ${b.seq ?? '-'} (audit entry ${b.auditId ?? '-'}): ${b.problem}`);
    console.log(`  expected ${b.expected}`);
    console.log(`  found    ${b.found}`);
    console.log(`  ${result.checked.toLocaleString('en-US')} of ${result.total.toLocaleString('en-US')} links held before it (${seconds} s)`);
    return 3;
  } finally {
    await database.close();
  }
}
