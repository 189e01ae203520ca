import { Typography } from 'antd';
import { Link } from 'react-router';

interface EnterpriseCellProps {
  enterprise: { name: string; uscc: string };
  /** Where the name links to; without it the name is plain text. */
  to?: string;
  testId?: string;
}

/** A table cell naming an enterprise over its credit code. The link does not also fire the row's own click. */
export function EnterpriseCell({ enterprise, to, testId }: EnterpriseCellProps) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column' }}>
      {to ? (
        <Link to={to} onClick={(event) => event.stopPropagation()} data-testid={testId}>
          {enterprise.name}
        </Link>
      ) : (
        <span>{enterprise.name}</span>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {enterprise.uscc}
      </Typography.Text>
    </div>
  );
}
