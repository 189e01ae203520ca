import { Steps, Typography } from 'antd';
import { CloseCircleFilled, ExclamationCircleFilled, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../api/types.ts';
import { countyDate, formatDateTime } from '../../../../lib/format.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { buildTimeline, type StepState } from '../lib/timeline.ts';

const STATUS: Record<StepState, 'wait' | 'process' | 'finish' | 'error'> = {
  done: 'finish',
  current: 'process',
  waiting: 'wait',
  returned: 'process',
  rejected: 'error',
  withdrawn: 'wait',
  skipped: 'wait',
};

/**
 * 申报 → 受理 → 审核 → 公示 → 兑付, vertically: when each stage was done, the current one with its deadline
 * (red once overdue), where it was returned or rejected and why.
 */
export function ApplicationTimeline({ application }: { application: ApplicationDetail }) {
  const { t, i18n } = useTranslation('applications');
  const language = i18n.language;
  const steps = buildTimeline(application);
  const active = steps.findIndex((step) => step.state === 'current' || step.state === 'returned' || step.state === 'rejected' || step.state === 'withdrawn');
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={active >= 0 ? active : steps.length - 1}
      className="dxe-timeline"
      data-testid="application-timeline"
      items={steps.map((step) => {
        const name = step.key === 'apply' ? t('detail.apply') : isEnglish(language) ? step.nameEn : step.nameZh;
        const lines: React.ReactNode[] = [];
        if (step.doneAt) lines.push(<span key="done">{t('detail.stepDone', { time: formatDateTime(step.doneAt, language) })}</span>);
        if (step.noticeUntil) lines.push(<span key="notice">{t('detail.noticeUntil', { date: countyDate(step.noticeUntil) })}</span>);
        if (step.dueAt) {
          lines.push(
            <Typography.Text key="due" type={step.isOverdue ? 'danger' : 'secondary'} data-testid="timeline-due">
              {step.isOverdue ? t('detail.stepOverdue', { date: countyDate(step.dueAt) }) : t('detail.stepDueAt', { date: countyDate(step.dueAt) })}
            </Typography.Text>,
          );
        }
        if (step.state === 'current' && !step.dueAt && !step.noticeUntil) lines.push(<span key="waiting">{t('detail.waiting')}</span>);
        if (step.state === 'returned') lines.push(<Typography.Text key="returned" type="warning">{t('status.returned')}</Typography.Text>);
        if (step.state === 'withdrawn') lines.push(<span key="withdrawn">{t('status.withdrawn')}</span>);
        if (step.reason) lines.push(<Typography.Text key="reason" type={step.state === 'rejected' ? 'danger' : 'warning'}>{t('detail.reason', { reason: step.reason })}</Typography.Text>);
        const icon = step.state === 'returned' ? <ExclamationCircleFilled style={{ color: '#faad14' }} /> : step.state === 'rejected' ? <CloseCircleFilled /> : step.state === 'withdrawn' ? <StopOutlined /> : undefined;
        return {
          key: step.key,
          title: <span data-testid={`timeline-step-${step.key}`} data-state={step.state}>{name}</span>,
          status: STATUS[step.state],
          icon,
          content: lines.length > 0 ? <div className="dxe-timeline-lines">{lines}</div> : undefined,
        };
      })}
    />
  );
}
