import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBankAccount, isBankAccount } from '../../../../../core/payee/bank-account.ts';
import { isIndustryFact, useIndustryCodeLabel } from '../../../profile/shared/components/useIndustryName.ts';
import { formatIndicatorValue, isEnglish, sourceName } from '../../../../lib/indicator-values.ts';

/** A value the platform knows, as the form shows it (the live form's field, or a submitted snapshot). */
export interface KnownValue {
  key: string;
  labelZh: string;
  labelEn: string;
  value: unknown;
  period: string | null;
  /** The source's code ('statistics', 'tax', 'registry', 'derived' …) and, when known, its names. */
  source: { code: string; nameZh?: string; nameEn?: string } | null;
  unit: string | null;
}

const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;

/** One known value in the user's language: money in 万元/CNY, persons, yes/no, size classes. */
export function useKnownValueText() {
  const { t, i18n } = useTranslation('applications');
  const { t: tc } = useTranslation('common');
  const language = i18n.language;
  const industryLabel = useIndustryCodeLabel();
  return (field: KnownValue): string => {
    const { value, unit } = field;
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? tc('units.yes') : tc('units.no');
    if (isBankAccount(value)) return formatBankAccount(value);
    if (typeof value === 'string' && isIndustryFact(field.key) && /^\d{2,4}$/.test(value)) return industryLabel(value);
    if (typeof value === 'number' && unit && unit !== 'code') return formatIndicatorValue(unit, value, null, language);
    if (typeof value === 'string' && field.key.startsWith('fact_size_class') && (SIZE_CLASSES as readonly string[]).includes(value)) return t(`sizeClass.${value as (typeof SIZE_CLASSES)[number]}`);
    return String(value);
  };
}

function useSourceText() {
  const { t, i18n } = useTranslation('applications');
  const language = i18n.language;
  return (source: KnownValue['source']): string | null => {
    if (!source) return null;
    if (source.nameZh && source.nameEn) return isEnglish(language) ? source.nameEn : source.nameZh;
    if (source.code === 'registry' || source.code === 'derived') return t(`sources.${source.code}`);
    return sourceName(source.code, language);
  };
}

/**
 * What the platform already knows about the enterprise, read-only: each value with its period and where
 * it comes from (统计局, 税务, 市场主体登记 …). Wraps on a phone.
 */
export function ProfileFieldList({ fields, testId }: { fields: KnownValue[]; testId?: string }) {
  const { t, i18n } = useTranslation('applications');
  const valueText = useKnownValueText();
  const sourceText = useSourceText();
  const en = isEnglish(i18n.language);
  return (
    <dl className="dxe-known-list" data-testid={testId}>
      {fields.map((field) => {
        const source = sourceText(field.source);
        return (
          <div key={field.key} className="dxe-known" data-testid={`known-${field.key}`}>
            <dt>{en ? field.labelEn : field.labelZh}</dt>
            <dd>
              <Typography.Text strong className="dxe-known-value" data-testid={`known-value-${field.key}`}>
                {valueText(field)}
              </Typography.Text>
              <span className="dxe-known-meta">
                {field.period && <Tag className="dxe-known-tag">{t('form.period', { period: field.period })}</Tag>}
                {source && (
                  <Tag className="dxe-known-tag" color="blue" variant="filled">
                    {t('form.source', { source })}
                  </Tag>
                )}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
