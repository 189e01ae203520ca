import { Card, DatePicker, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { declarationName, type DeclaredFact } from '../lib/declarations.ts';
import { FileInput } from './EnterpriseFields.tsx';

/**
 * 申报时声明: the facts the policy asks the enterprise to declare (no register holds them), each with its
 * evidence file where the policy asks for one. What is declared is checked at submission and shown to the
 * reviewer as 自行申报.
 */
export function DeclarationFields({ facts, disabled }: { facts: readonly DeclaredFact[]; disabled?: boolean }) {
  const { t, i18n } = useTranslation('applications');
  const en = i18n.language.startsWith('en');
  if (facts.length === 0) return null;
  return (
    <Card size="small" className="dxe-apply-section" title={t('declared.title')} extra={<Tag color="orange">{t('declared.selfDeclared')}</Tag>} data-testid="apply-declarations">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('declared.hint')}
      </Typography.Paragraph>
      {facts.map((fact) => {
        const label = en ? fact.labelEn : fact.labelZh;
        const unit = en ? fact.unitEn : fact.unitZh;
        const testId = `declare-${fact.key}`;
        const rules = fact.required ? [{ required: true, message: t('form.required', { field: label }) }] : [];
        return (
          <div key={fact.key}>
            <Form.Item name={declarationName(fact.key)} label={label} rules={rules} extra={fact.clause ?? undefined}>
              {fact.type === 'yesno' ? (
                <Radio.Group disabled={disabled} data-testid={testId}>
                  <Radio value={true}>{t('declared.yes')}</Radio>
                  <Radio value={false}>{t('declared.no')}</Radio>
                </Radio.Group>
              ) : fact.type === 'number' ? (
                <Input inputMode="decimal" suffix={unit ?? undefined} disabled={disabled} data-testid={testId} maxLength={20} />
              ) : fact.type === 'date' ? (
                <DateText disabled={disabled} testId={testId} />
              ) : (
                <Select disabled={disabled} data-testid={testId} options={(fact.choices ?? []).map((c) => ({ value: c.code, label: en ? c.labelEn : c.labelZh }))} />
              )}
            </Form.Item>
            {fact.evidence !== 'none' && (
              <Form.Item
                name={fact.evidenceFieldKey}
                label={t('declared.evidence', { label })}
                extra={(en ? fact.evidenceHintEn : fact.evidenceHintZh) ?? undefined}
                rules={fact.evidence === 'required' ? [{ required: true, message: t('declared.evidenceRequired', { label }) }] : []}
              >
                <FileInput testId={`declare-evidence-${fact.key}`} disabled={disabled} />
              </Form.Item>
            )}
          </div>
        );
      })}
    </Card>
  );
}

/** A date kept as 'YYYY-MM-DD' text in the form. */
function DateText({ value, onChange, disabled, testId }: { value?: string; onChange?: (value: string | null) => void; disabled?: boolean; testId: string }) {
  return <DatePicker value={value ? dayjs(value) : null} onChange={(day: Dayjs | null) => onChange?.(day ? day.format('YYYY-MM-DD') : null)} disabled={disabled} data-testid={testId} />;
}
