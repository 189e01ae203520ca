import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../../core/money/money.ts';
import type { ApplicationDetail, ApplicationFile, PolicyDetail } from '../../../../api/types.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { formatIndicatorValue, isEnglish, moneyLocale, sourceName } from '../../../../lib/indicator-values.ts';
import { applicationFileUrl } from '../api/useApplications.ts';
import { formatBankAccount, isBankAccount } from '../../../../../core/payee/bank-account.ts';
import { isIndustryFact, useIndustryCodeLabel } from '../../../profile/shared/components/useIndustryName.ts';
import { readFormData, type ProfileEntry } from '../lib/application-view.ts';

function useValueText() {
  const { t, i18n } = useTranslation('reviews');
  const language = i18n.language;
  const industryLabel = useIndustryCodeLabel();
  return (value: unknown, unit: string | null, key: string): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no');
    if (isBankAccount(value)) return formatBankAccount(value);
    if (typeof value === 'string' && isIndustryFact(key) && /^\d{2,4}$/.test(value)) return industryLabel(value);
    if (key.startsWith('fact_size_class') && typeof value === 'string') return t(`sizeClass.${value as 'small'}`, { defaultValue: value });
    if ((unit === 'fen' || unit === 'money') && typeof value === 'number' && Number.isSafeInteger(value)) return formatFen(value, moneyLocale(language));
    if (typeof value === 'number' && unit) return formatIndicatorValue(unit, value, null, language);
    return String(value);
  };
}

/**
 * 申报表单: what the platform pre-filled from the profile (with period and source) and what the enterprise
 * entered, labelled as the policy's form names them; attachments with their size and SHA-256 to download.
 */
export function ApplicationForm({ detail, policy, filesReadable = true }: { detail: ApplicationDetail; policy: PolicyDetail | undefined; filesReadable?: boolean }) {
  const { t, i18n } = useTranslation('reviews');
  const en = isEnglish(i18n.language);
  const valueText = useValueText();
  const { profile, entered, evaluationDate } = readFormData(detail.formData);
  const fields = policy?.formFields ?? [];
  const enteredRows = [
    ...fields.map((field) => ({ key: field.key, label: en ? field.labelEn : field.labelZh, type: field.type, required: field.required, value: entered[field.key] })),
    ...Object.keys(entered)
      .filter((key) => !fields.some((field) => field.key === key))
      .map((key) => ({ key, label: key, type: 'text', required: false, value: entered[key] })),
  ];
  const filesOf = (key: string) => detail.files.filter((file) => file.fieldKey === key);
  const sourceLabel = (source: string | null) => (source === null ? '—' : source === 'registry' || source === 'derived' ? t(`form.sources.${source}`) : sourceName(source, i18n.language));

  return (
    <>
      <Card title={t('form.profileTitle')} size="small" style={{ marginBottom: 16 }} extra={evaluationDate && <Typography.Text type="secondary">{t('form.snapshot', { date: evaluationDate })}</Typography.Text>}>
        <Table<ProfileEntry>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={profile}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('form.noProfile') }}
          data-testid="application-profile"
          columns={[
            { title: t('form.item'), key: 'label', render: (_, row) => (en ? row.labelEn : row.labelZh) },
            { title: t('form.value'), key: 'value', render: (_, row) => <strong>{valueText(row.value, row.unit, row.key)}</strong> },
            { title: t('form.period'), key: 'period', render: (_, row) => row.period ?? '—' },
            { title: t('form.source'), key: 'source', render: (_, row) => sourceLabel(row.source) },
          ]}
        />
      </Card>
      <Card title={t('form.enteredTitle')} size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={enteredRows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('form.nothingEntered') }}
          data-testid="application-entered"
          columns={[
            {
              title: t('form.item'),
              key: 'label',
              render: (_, row) => (
                <span>
                  {row.label} {row.required && <Tag>{t('form.required')}</Tag>}
                </span>
              ),
            },
            {
              title: t('form.value'),
              key: 'value',
              render: (_, row) =>
                row.type === 'file' ? (
                  filesOf(row.key).length ? (
                    filesOf(row.key).map((file) => <FileLink key={file.id} applicationId={detail.id} file={file} readable={filesReadable} />)
                  ) : (
                    <Typography.Text type={row.required ? 'danger' : 'secondary'}>{t('form.noFile')}</Typography.Text>
                  )
                ) : (
                  valueText(row.value, row.type === 'money' ? 'fen' : null, row.key)
                ),
            },
          ]}
        />
      </Card>
      {detail.declarations.length > 0 && (
        <Card title={t('declared.title')} size="small" style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{t('declared.hint')}</Typography.Text>}>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={detail.declarations}
            scroll={{ x: 'max-content' }}
            data-testid="application-declarations"
            columns={[
              { title: t('form.item'), key: 'label', render: (_, row) => (en ? row.labelEn : row.labelZh) },
              {
                title: t('form.value'),
                key: 'value',
                render: (_, row) => (
                  <span data-testid={`declaration-${row.key}`}>
                    <strong>{en ? row.valueText.en : row.valueText.zh}</strong> <Tag color="orange">{t('declared.selfDeclared')}</Tag>
                  </span>
                ),
              },
              {
                title: t('declared.evidence'),
                key: 'evidence',
                render: (_, row) => {
                  const files = detail.files.filter((file) => row.evidenceFileIds.includes(file.id));
                  if (files.length > 0) return files.map((file) => <FileLink key={file.id} applicationId={detail.id} file={file} readable={filesReadable} />);
                  if (row.evidence === 'none') return <Typography.Text type="secondary">{t('declared.noEvidenceNeeded')}</Typography.Text>;
                  return <Typography.Text type={row.evidence === 'required' ? 'danger' : 'secondary'}>{t('form.noFile')}</Typography.Text>;
                },
              },
            ]}
          />
        </Card>
      )}
      <Card title={t('form.filesTitle')} size="small" style={{ marginBottom: 16 }}>
        {detail.files.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="application-files">
            {detail.files.map((file) => (
              <li key={file.id}>
                <FileLink applicationId={detail.id} file={file} readable={filesReadable} /> <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('form.fileMeta', { size: Math.max(1, Math.round(file.sizeBytes / 1024)), time: formatDateTime(file.uploadedAt, i18n.language) })} · SHA-256 {file.sha256.slice(0, 12)}…
                </Typography.Text>
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('form.noFiles')}</Typography.Text>
        )}
      </Card>
    </>
  );
}

/** A download link; the file's name only for the county's readers (attachments stay with the enterprise and the department). */
function FileLink({ applicationId, file, readable }: { applicationId: number; file: ApplicationFile; readable: boolean }) {
  if (!readable) return <span data-testid={`application-file-${file.id}`}>{file.fileName}</span>;
  return (
    <a href={applicationFileUrl(applicationId, file.id)} download={file.fileName} data-testid={`application-file-${file.id}`}>
      {file.fileName}
    </a>
  );
}
