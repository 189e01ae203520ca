import type { KnownValue } from '../components/ProfileFieldList.tsx';

/**
 * The profile facts an application was submitted with (`formData.profile`, a snapshot the server keeps:
 * key, labels, value, period, source code, unit) as known values; anything malformed is left out.
 */
export function knownOfSnapshot(profile: unknown): KnownValue[] {
  if (!Array.isArray(profile)) return [];
  return profile.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const row = item as Record<string, unknown>;
    if (typeof row.key !== 'string' || typeof row.labelZh !== 'string') return [];
    return [
      {
        key: row.key,
        labelZh: row.labelZh,
        labelEn: typeof row.labelEn === 'string' ? row.labelEn : row.labelZh,
        value: row.value,
        period: typeof row.period === 'string' ? row.period : null,
        source: typeof row.source === 'string' ? { code: row.source } : null,
        unit: typeof row.unit === 'string' ? row.unit : null,
      },
    ];
  });
}
