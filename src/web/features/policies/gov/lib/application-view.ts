/**
 * Pure readings of an application for the department's pages: where it stands in its process, whether the
 * current step fixes the approved amount, and the form data as the applications module stores it.
 */
import type { ApplicationDetail } from '../../../../api/types.ts';

/** Where the application stands in its process: the index of the current step and how it looks. */
export function progressOf(detail: Pick<ApplicationDetail, 'steps' | 'status' | 'currentStep'>): { current: number; status: 'process' | 'wait' | 'finish' | 'error' } {
  const index = (key: string) => Math.max(0, detail.steps.findIndex((step) => step.key === key));
  switch (detail.status) {
    case 'submitted':
      return { current: 0, status: 'process' };
    case 'paid':
      return { current: detail.steps.length, status: 'finish' };
    case 'approved':
    case 'in_notice':
      return { current: index('notice'), status: 'process' };
    case 'notice_passed':
      return { current: index('disburse'), status: 'process' };
    case 'rejected':
      return { current: detail.currentStep ? index(detail.currentStep.key) : 0, status: 'error' };
    case 'withdrawn':
      return { current: detail.currentStep ? index(detail.currentStep.key) : 0, status: 'wait' };
    default:
      return { current: detail.currentStep ? index(detail.currentStep.key) : 0, status: detail.status === 'returned' ? 'wait' : 'process' };
  }
}

/** Whether the current step is the last review step (the one that fixes the approved amount). */
export function isLastReviewStep(detail: Pick<ApplicationDetail, 'steps' | 'currentStep' | 'status'>): boolean {
  if (detail.status !== 'accepted' && detail.status !== 'in_review') return false;
  const reviews = detail.steps.filter((step) => step.key !== 'accept' && step.key !== 'notice' && step.key !== 'disburse');
  return reviews.length > 0 && reviews[reviews.length - 1].key === detail.currentStep?.key;
}

/** A fact the platform filled in from the profile when the enterprise applied (a snapshot). */
export interface ProfileEntry {
  key: string;
  labelZh: string;
  labelEn: string;
  value: unknown;
  unit: string | null;
  period: string | null;
  source: string | null;
}

/** The form data as the applications module stores it: the profile snapshot and what the enterprise entered. */
export function readFormData(formData: Record<string, unknown>): { profile: ProfileEntry[]; entered: Record<string, unknown>; evaluationDate: string | null } {
  const profile = Array.isArray(formData.profile)
    ? formData.profile
        .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string')
        .map((entry) => ({
          key: String(entry.key),
          labelZh: String(entry.labelZh ?? entry.key),
          labelEn: String(entry.labelEn ?? entry.key),
          value: entry.value,
          unit: typeof entry.unit === 'string' ? entry.unit : null,
          period: typeof entry.period === 'string' ? entry.period : null,
          source: typeof entry.source === 'string' ? entry.source : null,
        }))
    : [];
  const entered = typeof formData.entered === 'object' && formData.entered !== null && !Array.isArray(formData.entered) ? (formData.entered as Record<string, unknown>) : {};
  return { profile, entered, evaluationDate: typeof formData.evaluationDate === 'string' ? formData.evaluationDate : null };
}

