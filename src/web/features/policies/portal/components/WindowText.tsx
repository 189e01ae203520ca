import { Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { windowState } from '../lib/window.ts';

/** The application window in words: "申报截止 2026-12-20 · 剩 22 天", "申报已于 … 截止", "免申即享，无需申报". */
export function WindowText({ applyFrom, applyUntil, isAutoGrant, testId }: { applyFrom: string | null; applyUntil: string | null; isAutoGrant: boolean; testId?: string }) {
  const { t } = useTranslation('portal-policies');
  const state = windowState(applyFrom, applyUntil);
  let text: string;
  let type: 'secondary' | 'warning' | 'danger' | undefined = 'secondary';
  if (isAutoGrant) text = t('window.none');
  else if (state.kind === 'none') text = t('window.noWindow');
  else if (state.kind === 'upcoming') text = t('window.upcoming', { date: state.opensOn });
  else if (state.kind === 'closed') text = t('window.closed', { date: state.closedOn });
  else if (state.closesOn === null) text = t('window.openNoEnd');
  else {
    const left = state.daysLeft === 0 ? t('window.lastDay') : t('window.daysLeft', { count: state.daysLeft ?? 0 });
    text = `${t('window.open', { date: state.closesOn })} · ${left}`;
    if ((state.daysLeft ?? 99) <= 7) type = 'danger';
    else if ((state.daysLeft ?? 99) <= 14) type = 'warning';
  }
  return (
    <Typography.Text type={type} className="dxe-match-line" data-testid={testId} data-window={isAutoGrant ? 'auto' : state.kind}>
      <ClockCircleOutlined />
      <span>{text}</span>
    </Typography.Text>
  );
}
