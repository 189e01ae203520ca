import type { OfficeHours } from '../../../core/sla/working-hours.ts';
import type { Config } from '../../config.ts';

/** The knobs of the demands workflow (from config.ts; tests pass their own). */
export interface DemandSettings {
  officeHours: OfficeHours;
  /** A 抢单 claim must be accepted within this many working minutes, else it returns to the pool. */
  claimAcceptMinutes: number;
  /** Most open claimed orders (assigned … waiting) one provider may hold. */
  maxOpenClaims: number;
  /** Working days to rectify after an unsatisfied rating (整改期限). */
  rectificationDays: number;
  /** Working days after closing when the follow-up (跟踪问效) is due. */
  followUpDays: number;
  /** Warn the handler when this many working minutes are left on the resolution clock. */
  warningMinutes: number;
  /** Escalate to the dispatch centre this many working minutes after the breach. */
  escalateAfterMinutes: number;
  attachmentMaxBytes: number;
  storageDir: string;
}

export function demandSettingsOf(config: Readonly<Config>): DemandSettings {
  return {
    officeHours: config.officeHours,
    ...config.demands,
    attachmentMaxBytes: Math.min(config.demands.attachmentMaxBytes, config.uploadLimitBytes),
    storageDir: config.storageDir,
  };
}
