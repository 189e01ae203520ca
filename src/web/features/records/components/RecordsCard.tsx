import { Alert, Card, Empty, Skeleton, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../core/money/money.ts';
import type { EnterpriseRecordGroup, RecordField } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { categoryName, localName, moneyLocale } from '../../../lib/indicator-values.ts';
import { useEnterpriseRecords, useRecordTypes } from '../api/useRecords.ts';

type Row = EnterpriseRecordGroup['items'][number];

/** One stored value as people read it: money in 元/万元, yes/no, a code by its name, a unit after a number. */
export function formatRecordValue(field: RecordField, value: Row['values'][string], language: string, yesNo: [string, string]): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? formatFen(value, moneyLocale(language)) : String(value);
    case 'yesno':
      return value === true || value === 1 ? yesNo[0] : yesNo[1];
    case 'code': {
      const code = field.codes?.find((c) => c.code === value);
      return code ? localName(code, language) : String(value);
    }
    case 'number':
      if (field.unit === 'bp' && typeof value === 'number') return `${(value / 100).toFixed(2)}%`;
      return field.unit ? `${value} ${field.unit}` : String(value);
    default:
      return String(value);
  }
}

/**
 * 台账记录: an enterprise's records by type, one tab each (employees, patents, loans …), the latest first.
 * A caller without a type's consent category (a bank under a narrower consent) is told which types are
 * withheld, never shown an empty list.
 */
export function RecordsCard({ enterpriseId }: { enterpriseId: number }) {
  const { t, i18n } = useTranslation('records');
  const errorText = useErrorText();
  const records = useEnterpriseRecords(enterpriseId);
  const types = useRecordTypes();
  const typeName = (code: string) => {
    const type = types.data?.find((candidate) => candidate.code === code);
    return type ? localName(type, language) : code;
  };
  const language = i18n.language;
  const yesNo: [string, string] = [t('card.yes'), t('card.no')];

  const columnsOf = (group: EnterpriseRecordGroup): TableColumnsType<Row> => [
    { title: t('card.key'), dataIndex: 'key', key: 'key', fixed: 'left' },
    ...group.type.fields.map((field) => ({
      title: localName(field, language),
      key: field.code,
      render: (_: unknown, row: Row) => formatRecordValue(field, row.values[field.code], language, yesNo),
    })),
  ];

  return (
    <Card title={t('card.title')} data-testid="profile-records" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('card.hint')}</Typography.Text>}>
      {records.isPending ? (
        <Skeleton active />
      ) : records.isError ? (
        <Alert type="error" showIcon title={t('card.loadFailed')} description={errorText(records.error)} />
      ) : (
        <>
          {records.data.hiddenTypes.length > 0 && (
            <Typography.Paragraph type="secondary" data-testid="records-hidden">
              <LockOutlined /> {t('card.hidden')}{' '}
              <Space size={[4, 4]} wrap>
                {records.data.hiddenTypes.map((code) => (
                  <Tag key={code} data-testid={`records-hidden-${code}`}>
                    {typeName(code)}
                  </Tag>
                ))}
              </Space>
            </Typography.Paragraph>
          )}
          {records.data.groups.length === 0 ? (
            records.data.hiddenTypes.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('card.empty')} />
          ) : (
            <Tabs
              size="small"
              items={records.data.groups.map((group) => ({
                key: group.type.code,
                label: (
                  <span data-testid={`records-tab-${group.type.code}`}>
                    {localName(group.type, language)} <Tag>{group.total}</Tag>
                  </span>
                ),
                children: (
                  <>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {group.items.length < group.total ? t('card.shown', { shown: group.items.length, total: group.total }) : t('card.total', { count: group.total })}
                      {' · '}
                      {categoryName(group.type.consentCategory, language)}
                    </Typography.Text>
                    <Table<Row>
                      rowKey="key"
                      size="small"
                      columns={columnsOf(group)}
                      dataSource={group.items}
                      pagination={group.items.length > 10 ? { pageSize: 10, size: 'small' } : false}
                      scroll={{ x: 'max-content' }}
                      data-testid={`records-table-${group.type.code}`}
                    />
                  </>
                ),
              }))}
            />
          )}
        </>
      )}
    </Card>
  );
}
