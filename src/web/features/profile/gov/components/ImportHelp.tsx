import { Button, Card, Collapse, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../../../lib/csv.ts';
import { SAMPLE_HEADERS, sampleCsv, type SampleKind } from './samples.ts';

const ALL_KINDS: readonly SampleKind[] = ['long', 'wide', 'enterprises', 'hotline'];

/**
 * The accepted layouts with their header names, and sample files made on the spot: all of them for the data
 * administrator, one for a page of a single kind (the dispatcher's 12345 work orders).
 */
export function ImportHelp({ kinds = ALL_KINDS }: { kinds?: readonly SampleKind[] }) {
  const { t } = useTranslation('data-admin');
  return (
    <Card title={t('help.title')} data-testid="import-help" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t(kinds.length === 1 && kinds[0] === 'hotline' ? 'help.hotlineIntro' : 'help.intro')}</Typography.Paragraph>
      <Collapse
        size="small"
        defaultActiveKey={[kinds[0]]}
        items={kinds.map((kind) => ({
          key: kind,
          label: t(`help.${kind}.title`),
          children: (
            <Space direction="vertical" size={6} style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t(`help.${kind}.text`)}</Typography.Text>
              <div className="dxe-headers">
                <Typography.Text strong>{t('help.zhHeaders')}</Typography.Text>
                <Typography.Text code className="dxe-header-list">
                  {SAMPLE_HEADERS[kind].zh.join(', ')}
                </Typography.Text>
              </div>
              <div className="dxe-headers">
                <Typography.Text strong>{t('help.enHeaders')}</Typography.Text>
                <Typography.Text code className="dxe-header-list">
                  {SAMPLE_HEADERS[kind].en.join(', ')}
                </Typography.Text>
              </div>
              <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadText(`${t(`help.${kind}.fileName`)}.csv`, sampleCsv(kind))} data-testid={`import-sample-${kind}`}>
                {t('help.sample')}
              </Button>
            </Space>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t(kinds.includes('hotline') && kinds.length === 1 ? 'help.hotlineValues' : 'help.values')}
      </Typography.Paragraph>
    </Card>
  );
}
