/**
 * The editor's "读取政策原文" card: closed by default; opening it loads the assistant (a chunk of its own,
 * with its strings), so pages that never open it never download it.
 */
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Skeleton } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReadingPanelProps } from './ReadingPanel.tsx';

const ReadingPanel = lazy(() => import('./ReadingPanel.tsx'));

export function ReadingSection(props: ReadingPanelProps) {
  const { t } = useTranslation('policies');
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="policy-section-reading"
      title={
        <span>
          <FileSearchOutlined /> {t('editor.readingTitle')}
        </span>
      }
      extra={
        <Button size="small" onClick={() => setOpen((o) => !o)} data-testid="reading-open">
          {open ? t('editor.readingClose') : t('editor.readingOpen')}
        </Button>
      }
    >
      {open ? (
        <Suspense fallback={<Skeleton active />}>
          <ReadingPanel {...props} />
        </Suspense>
      ) : (
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('editor.readingTeaser')}</span>
      )}
    </Card>
  );
}
