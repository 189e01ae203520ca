import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsentStatus } from '../../../../api/types.ts';

const COLOURS: Record<ConsentStatus, string> = { active: 'green', scheduled: 'blue', expired: 'default', revoked: 'red' };

export function ConsentStatusTag({ status, testId }: { status: ConsentStatus; testId?: string }) {
  const { t } = useTranslation('consents');
  return (
    <Tag color={COLOURS[status]} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** The categories of a consent, by name in the user's language. */
export function CategoryTags({ categories, names }: { categories: readonly string[]; names: (category: string) => string }) {
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {categories.map((category) => (
        <Tag key={category} style={{ marginInlineEnd: 0 }}>
          {names(category)}
        </Tag>
      ))}
    </span>
  );
}
