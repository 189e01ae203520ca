import type { IndicatorDefinition } from '../../../core/profile/indicators.ts';
import type { DisputeRow } from './disputes.repository.ts';
import type { AdminDispute, Dispute } from './disputes.schemas.ts';
import { parseProposedValue } from './proposed-value.ts';

export function presentDispute(row: DisputeRow, indicator: IndicatorDefinition | undefined): Dispute {
  const parsed = indicator ? parseProposedValue(indicator, row.proposed_value) : { error: 'unknown indicator' };
  return {
    id: row.id,
    indicatorCode: row.indicator_code,
    nameZh: indicator?.nameZh ?? row.indicator_code,
    nameEn: indicator?.nameEn ?? row.indicator_code,
    unit: indicator?.unit ?? '',
    period: row.period,
    source: row.source,
    currentValue: row.current_value,
    proposedValue: row.proposed_value,
    proposedParsed: 'error' in parsed ? null : (parsed.value ?? parsed.valueText),
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolutionNote: row.resolution_note,
  };
}

export function presentAdminDispute(row: DisputeRow, indicator: IndicatorDefinition | undefined): AdminDispute {
  return { ...presentDispute(row, indicator), enterprise: { id: row.enterprise_id, name: row.enterprise_name, uscc: row.enterprise_uscc } };
}
