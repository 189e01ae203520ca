import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * Downloads a list as XLSX with the list's filters: a plain link to the server's streamed export (the
 * browser saves the file; the session cookie authorises it, as for the list itself).
 */
export function ExportButton({ path, params }: { path: string; params: Record<string, string | number | boolean | undefined | null> }) {
  const { t } = useTranslation('common');
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return (
    <Button icon={<DownloadOutlined />} href={query ? `${path}?${query}` : path} download data-testid="export-xlsx">
      {t('actions.exportXlsx')}
    </Button>
  );
}
