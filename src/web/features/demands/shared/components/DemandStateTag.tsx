import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DemandState } from '../../../../api/types.ts';
import { STATE_COLOURS } from '../lib/demand-view.ts';

export function DemandStateTag({ state, testId }: { state: DemandState; testId?: string }) {
  const { t } = useTranslation('demands');
  return (
    <Tag color={STATE_COLOURS[state]} data-testid={testId} data-state={state}>
      {t(`states.${state}`)}
    </Tag>
  );
}
