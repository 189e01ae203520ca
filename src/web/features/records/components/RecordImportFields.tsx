import { Button, Form, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { completeUscc } from '../../../../core/profile/uscc.ts';
import type { RecordField, RecordType } from '../../../api/types.ts';
import { downloadText, toCsv } from '../../../lib/csv.ts';
import { localName } from '../../../lib/indicator-values.ts';
import { useRecordTypes } from '../api/useRecords.ts';

/** The header of a field's column: its Chinese name, with the unit a file writes in brackets. */
export function recordColumnHeader(field: RecordField): string {
  if (field.type === 'money') return `${field.nameZh}(元)`;
  if (field.type === 'number' && field.unit === 'bp') return `${field.nameZh}(%)`;
  if (field.type === 'number' && field.unit) return `${field.nameZh}(${field.unit})`;
  return field.nameZh;
}

function sampleValue(field: RecordField, row: number): string {
  switch (field.type) {
    case 'money':
      return row === 0 ? '500000' : '1200000.50';
    case 'date':
      return row === 0 ? '2025-03-01' : '2025-07-15';
    case 'yesno':
      return row === 0 ? '是' : '否';
    case 'code':
      return field.codes?.[row % field.codes.length]?.nameZh ?? '';
    case 'number':
      return field.unit === 'bp' ? '3.45' : row === 0 ? '12' : '36';
    default:
      return row === 0 ? '示例' : '';
  }
}

/** A sample file of a record type: its columns and two rows of a made-up enterprise (not in the registry). */
export function recordSampleCsv(type: RecordType): string {
  const uscc = completeUscc('91500231MA5U0TAM1');
  const header = ['统一社会信用代码', '企业名称', '记录编号', ...type.fields.map(recordColumnHeader)];
  const rows = [0, 1].map((r) => [uscc, '示例企业有限公司', `${type.code.toUpperCase()}-00${r + 1}`, ...type.fields.map((field) => sampleValue(field, r))]);
  return toCsv(header, rows);
}

/** The records import's own fields: the record type (sent as the batch's source) and its columns. */
export function RecordImportFields({ selected }: { selected: string | undefined }) {
  const { t, i18n } = useTranslation('records');
  const types = useRecordTypes();
  const type = types.data?.find((candidate) => candidate.code === selected);
  return (
    <>
      <Form.Item name="source" label={t('import.recordType')} rules={[{ required: true, message: t('import.recordTypeRequired') }]}>
        <Select<string>
          loading={types.isPending}
          placeholder={t('import.recordTypePlaceholder')}
          options={(types.data ?? []).map((candidate) => ({ value: candidate.code, label: localName(candidate, i18n.language) }))}
          data-testid="import-record-type"
        />
      </Form.Item>
      {type && (
        <div data-testid="import-record-columns" style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('import.columns')}</Typography.Text>{' '}
          <Space size={[4, 4]} wrap>
            <Tag color="blue">统一社会信用代码</Tag>
            <Tag color="blue">记录编号</Tag>
            {type.fields.map((field) => (
              <Tag key={field.code} color={field.required ? 'blue' : undefined}>
                {recordColumnHeader(field)}
                {field.required ? ` · ${t('import.required')}` : ''}
              </Tag>
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0' }}>
            {t('import.keyHint')}；{t('import.moneyHint')}
          </Typography.Paragraph>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadText(`${type.nameZh}-示例.csv`, recordSampleCsv(type))} data-testid="import-record-sample">
            {t('import.sample')}
          </Button>
        </div>
      )}
    </>
  );
}

/** A batch's source as people read it: a records batch names its record type. */
export function useRecordTypeName(): (code: string) => string | null {
  const { i18n } = useTranslation();
  const types = useRecordTypes();
  return (code) => {
    const type = types.data?.find((candidate) => candidate.code === code);
    return type ? localName(type, i18n.language) : null;
  };
}
