import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LoanProgramSummary } from '../../../../api/types.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { usePrograms } from '../../shared/api/usePrograms.ts';
import { money } from '../../shared/lib/format.ts';
import { ConversionFunnel } from '../components/ConversionFunnel.tsx';
import { CreateProgramModal } from '../components/CreateProgramModal.tsx';
import { GovLoadFailed } from '../components/GovLoadFailed.tsx';
import { ProgramStatusTag } from '../components/ProgramStatusTag.tsx';
import '../../shared/components/finance.css';

function ProgramCard({ program }: { program: LoanProgramSummary }) {
  const { t, i18n } = useTranslation('finance-gov');
  const language = i18n.language;
  const c = program.conversion;
  return (
    <Card
      className="dxe-fin-card"
      title={<Link to={`/gov/finance/programs/${program.id}`} data-testid={`program-open-${program.id}`}>{program.name}</Link>}
      extra={<ProgramStatusTag status={program.status} />}
      data-testid={`program-${program.id}`}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{program.description}</Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'quota', label: t('programs.quota'), children: money(program.quotaFen, language) },
              { key: 'banks', label: t('programs.banks'), children: program.banks.map((bank) => bank.name).join('、') },
              { key: 'pool', label: t('programs.pool'), children: program.pool?.name ?? '—' },
              { key: 'lent', label: t('programs.lentAmount'), children: <span data-testid={`program-lent-${program.id}`}>{money(c.lentFen, language)}</span> },
            ]}
          />
          <div className="dxe-tags">
            <Tag>{t('programs.whitelist')} {c.listed + c.pushed}</Tag>
            <Tag color="blue">{t('programs.stagePushed')} {c.pushed}</Tag>
            <Tag color="green">{t('programs.stageLent')} {c.lent}</Tag>
          </div>
        </Col>
        <Col xs={24} md={12}>
          <ConversionFunnel conversion={c} />
        </Col>
      </Row>
    </Card>
  );
}

/** /gov/finance/programs — 金融办: the policy-loan programmes with their whitelists and conversion. */
export default function ProgramsPage() {
  const { t } = useTranslation('finance-gov');
  const programs = usePrograms();
  const [creating, setCreating] = useState(false);
  let body;
  if (programs.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (programs.isError) body = <GovLoadFailed error={programs.error} onRetry={() => void programs.refetch()} title={t('programs.loadFailed')} />;
  else if (programs.data.items.length === 0) body = <Card><Empty description={t('programs.empty')} /></Card>;
  else body = <div className="dxe-fin-list">{programs.data.items.map((program) => <ProgramCard key={program.id} program={program} />)}</div>;
  return (
    <>
      <PageHeader
        title={t('programs.title')}
        extra={
          <Space>
            <ExportButton path="/api/finance/programs/export.xlsx" params={{}} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="program-create">
              {t('forms.createProgram')}
            </Button>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('programs.intro')}</Typography.Paragraph>
      {body}
      {creating && <CreateProgramModal onClose={() => setCreating(false)} />}
    </>
  );
}
