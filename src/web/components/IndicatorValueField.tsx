import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseIndicatorInput, type MoneyInputUnit, type ParsedValue } from '../lib/indicator-values.ts';

/** What the person typed, and for money the unit they typed it in. */
export interface TypedValue {
  text: string;
  moneyUnit: MoneyInputUnit;
}

export const EMPTY_TYPED_VALUE: TypedValue = { text: '', moneyUnit: 'wan' };

interface IndicatorValueFieldProps {
  /** The indicator's unit (fen, person, bp, count, kwh, boolean, grade). */
  unit: string;
  grades?: readonly string[] | null;
  value?: TypedValue;
  onChange?: (value: TypedValue) => void;
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * A value input that fits the indicator's unit: money typed in 万元 or 元 (converted to fen exactly on
 * submit, never through a float), whole persons/counts/kWh, a percentage, yes/no, or one of the grades.
 */
export function IndicatorValueField({ unit, grades, value = EMPTY_TYPED_VALUE, onChange, disabled, ...rest }: IndicatorValueFieldProps) {
  const { t } = useTranslation('common');
  const testId = rest['data-testid'];
  const set = (patch: Partial<TypedValue>) => onChange?.({ ...value, ...patch });

  if (unit === 'boolean') {
    return (
      <Select
        value={value.text || undefined}
        onChange={(text: string) => set({ text })}
        disabled={disabled}
        placeholder={t('units.choose')}
        options={[
          { value: '1', label: t('units.yes') },
          { value: '0', label: t('units.no') },
        ]}
        data-testid={testId}
      />
    );
  }
  if (unit === 'grade' && grades && grades.length > 0) {
    return (
      <Select
        value={value.text || undefined}
        onChange={(text: string) => set({ text })}
        disabled={disabled}
        placeholder={t('units.choose')}
        options={grades.map((grade) => ({ value: grade, label: grade }))}
        data-testid={testId}
      />
    );
  }
  if (unit === 'fen') {
    return (
      <Space.Compact style={{ width: '100%' }}>
        <Input value={value.text} onChange={(event) => set({ text: event.target.value })} disabled={disabled} inputMode="decimal" placeholder={value.moneyUnit === 'wan' ? '2350.5' : '23505000.00'} data-testid={testId} />
        <Select<MoneyInputUnit>
          value={value.moneyUnit}
          onChange={(moneyUnit) => set({ moneyUnit })}
          disabled={disabled}
          style={{ width: 96, flex: 'none' }}
          options={[
            { value: 'wan', label: t('units.wan') },
            { value: 'yuan', label: t('units.yuan') },
          ]}
          data-testid={testId && `${testId}-unit`}
        />
      </Space.Compact>
    );
  }
  const suffix = unit === 'person' ? t('units.person') : unit === 'bp' ? '%' : unit === 'kwh' ? 'kWh' : undefined;
  return <Input value={value.text} onChange={(event) => set({ text: event.target.value })} disabled={disabled} inputMode={unit === 'bp' ? 'decimal' : 'numeric'} suffix={suffix} data-testid={testId} />;
}

/** A form rule for the field: the value must read in the indicator's unit. */
export function useIndicatorValueRule(unit: string | undefined, required = true) {
  const { t } = useTranslation('common');
  return {
    validator: (_: unknown, typed: TypedValue | undefined) => {
      if (!unit) return Promise.resolve();
      if (!typed || typed.text.trim() === '') return required ? Promise.reject(new Error(t('valueProblems.empty'))) : Promise.resolve();
      const parsed: ParsedValue = parseIndicatorInput(unit, typed.text, typed.moneyUnit);
      return parsed.ok ? Promise.resolve() : Promise.reject(new Error(t(`valueProblems.${parsed.problem}`)));
    },
  };
}

/** A hint under the field: how to type a value of this unit. */
export function useUnitHint(unit: string | undefined): string | undefined {
  const { t } = useTranslation('common');
  switch (unit) {
    case 'fen':
      return t('unitHints.fen');
    case 'person':
      return t('unitHints.person');
    case 'bp':
      return t('unitHints.bp');
    case 'count':
    case 'kwh':
      return t('unitHints.whole');
    default:
      return undefined;
  }
}
