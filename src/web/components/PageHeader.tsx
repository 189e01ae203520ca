import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A page's title (test id `page-title`) with optional actions on the right; wraps on phones. */
export function PageHeader({ title, extra, testId = 'page-title' }: { title: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <div className="dxe-page-header">
      <Typography.Title level={3} data-testid={testId}>
        {title}
      </Typography.Title>
      {extra && <div>{extra}</div>}
    </div>
  );
}
