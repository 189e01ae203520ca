import { Card, Col, Collapse, Descriptions, Empty, Row, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFen } from '../../../../../core/money/money.ts';
import type { PolicyDetail, PolicyFormField } from '../../../../api/types.ts';
import { countyDate, formatDateTime } from '../../../../lib/format.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';
import { splitReviewSteps } from '../lib/policy-form.ts';
import { MarkdownText } from './MarkdownText.tsx';
import { PolicyStatusTag } from './PolicyStatusTag.tsx';
import './policies.css';

/** 概览: the version's record, its rule and benefit in words, texts, process, form and versions. */
export function PolicyOverview({ detail }: { detail: PolicyDetail }) {
  const { t, i18n } = useTranslation('policies');
  const language = i18n.language;
  const en = isEnglish(language);
  const lines = en ? detail.rendered.en : detail.rendered.zh;
  const { accept, reviews, disburse } = splitReviewSteps(detail.reviewSteps);
  const stepName = (step: { nameZh: string; nameEn: string }) => (en ? step.nameEn : step.nameZh);
  const window = detail.applyFrom || detail.applyUntil ? `${detail.applyFrom ? countyDate(detail.applyFrom) : '…'} ~ ${detail.applyUntil ? countyDate(detail.applyUntil) : '…'}` : t('list.noWindow');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card title={t('overview.rule')} size="small" style={{ marginBottom: 16 }} data-testid="policy-rule-rendered">
          <ul className="dxe-rule-lines">
            {lines.map((line) => (
              <li key={line.path || 'root'} className="dxe-rule-line" style={{ paddingInlineStart: 6 + line.depth * 20 }} data-path={line.path}>
                {line.text}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('overview.benefit')} size="small" style={{ marginBottom: 16 }}>
          <Typography.Text strong data-testid="policy-benefit-text">
            {en ? detail.benefitText.en : detail.benefitText.zh}
          </Typography.Text>
        </Card>
        <Card title={t('fields.interpretation')} size="small" style={{ marginBottom: 16 }}>
          {detail.interpretation ? <MarkdownText source={detail.interpretation} testId="policy-interpretation-text" /> : <Typography.Text type="secondary">{t('overview.none')}</Typography.Text>}
          {detail.qa.length > 0 && (
            <>
              <Typography.Title level={5}>{t('fields.qa')}</Typography.Title>
              <Collapse size="small" items={detail.qa.map((item, index) => ({ key: index, label: item.q, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.a}</Typography.Paragraph> }))} />
            </>
          )}
        </Card>
        <Card title={t('fields.sourceText')} size="small">
          {detail.sourceText ? <div className="dxe-source-text">{detail.sourceText}</div> : <Typography.Text type="secondary">{t('overview.none')}</Typography.Text>}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        {detail.matchCounts && (
          <Card title={t('overview.matches')} size="small" style={{ marginBottom: 16 }} data-testid="policy-match-counts">
            <Row gutter={8}>
              <Col span={8}>
                <Statistic title={t('overview.eligible')} value={detail.matchCounts.eligible} />
              </Col>
              <Col span={8}>
                <Statistic title={t('overview.unknown')} value={detail.matchCounts.unknown} />
              </Col>
              <Col span={8}>
                <Statistic title={t('overview.estimatedTotal')} value={formatFen(detail.matchCounts.estimatedTotalFen, moneyLocale(language))} />
              </Col>
            </Row>
            {detail.matchCounts.matchedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('overview.matchedAt', { time: formatDateTime(detail.matchCounts.matchedAt, language) })}
              </Typography.Text>
            )}
          </Card>
        )}
        <Card title={t('overview.record')} size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'code', label: t('fields.code'), children: detail.code },
              { key: 'department', label: t('fields.department'), children: detail.department.name },
              { key: 'documentNo', label: t('fields.documentNo'), children: detail.documentNo ?? '—' },
              { key: 'summary', label: t('fields.summary'), children: detail.summary },
              { key: 'validity', label: t('fields.validity'), children: `${detail.validFrom} ~ ${detail.validUntil ?? t('list.openEnded')}` },
              { key: 'window', label: t('fields.applyWindow'), children: window },
              {
                key: 'kind',
                label: t('fields.isAutoGrant'),
                children: detail.isAutoGrant ? (
                  <Tag color="gold" icon={<ThunderboltOutlined />}>
                    {t('list.autoGrant')}
                  </Tag>
                ) : (
                  t('overview.byApplication')
                ),
              },
              { key: 'group', label: t('fields.exclusionGroup'), children: detail.exclusionGroup ?? t('overview.stackable') },
              { key: 'tags', label: t('fields.tags'), children: detail.tags.length ? detail.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—' },
              { key: 'publishedAt', label: t('fields.publishedAt'), children: detail.publishedAt ? formatDateTime(detail.publishedAt, language) : '—' },
            ]}
          />
        </Card>
        <Card title={t('overview.process')} size="small" style={{ marginBottom: 16 }}>
          <Steps
            direction="vertical"
            size="small"
            current={-1}
            items={[
              { title: stepName(accept), content: t('overview.deadline', { days: accept.deadlineWorkingDays }) },
              ...reviews.map((step) => ({ title: stepName(step), content: t('overview.deadline', { days: step.deadlineWorkingDays }) })),
              { title: t('overview.notice'), content: t('overview.noticeDays', { days: detail.publicNoticeDays }) },
              { title: stepName(disburse), content: t('overview.deadline', { days: disburse.deadlineWorkingDays }) },
            ]}
          />
        </Card>
        <Card title={t('overview.form')} size="small" style={{ marginBottom: 16 }}>
          {detail.formFields.length ? (
            <Table<PolicyDetail['formFields'][number]>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={detail.formFields}
              columns={[
                { title: t('overview.fieldLabel'), key: 'label', render: (_, row) => (en ? row.labelEn : row.labelZh) },
                { title: t('overview.fieldType'), key: 'type', render: (_, row) => t(`fieldTypes.${row.type as PolicyFormField['type']}`, { defaultValue: row.type }) },
                { title: t('overview.fieldRequired'), key: 'required', render: (_, row) => (row.required ? t('editor.required') : t('editor.optional')) },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noFormFields')} />
          )}
        </Card>
        <Card title={t('overview.versions')} size="small">
          <ul className="dxe-rule-lines" data-testid="policy-versions">
            {detail.versions.map((version) => (
              <li key={version.id} className="dxe-rule-line" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                <Link to={`?version=${version.version}`}>{t('list.version', { version: version.version })}</Link>
                <PolicyStatusTag status={version.status} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {version.publishedAt ? t('overview.publishedOn', { time: formatDateTime(version.publishedAt, language) }) : t('overview.createdOn', { time: formatDateTime(version.createdAt, language) })}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      </Col>
    </Row>
  );
}
