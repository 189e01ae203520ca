import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DemandDetail, DemandTimelineEntry } from '../../../../api/types.ts';
import { formatDateTime } from '../../../../lib/format.ts';

const COLOURS: Partial<Record<DemandTimelineEntry['action'], string>> = {
  resolve: 'green',
  rate: 'green',
  close: 'gray',
  transfer: 'orange',
  return: 'orange',
  wait: 'orange',
  reopen: 'red',
  escalate: 'red',
  warn: 'orange',
};

/** One line of facts of a step: to whom it went, the rating, the result. */
function detailLine(entry: DemandTimelineEntry, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  const d = entry.details as Record<string, unknown>;
  if (typeof d.handlerOrgName === 'string') return t('timeline.to', { org: d.handlerOrgName });
  if (typeof d.rating === 'number') return t('timeline.rating', { rating: d.rating });
  if (typeof d.resolution === 'string') return d.resolution;
  if (typeof d.outcome === 'string') return t(`followUp.${d.outcome}`);
  return null;
}

/**
 * Every step of a demand — who did what, when — newest last, with the deadline of the step that runs now.
 * The enterprise sees the same timeline as the handlers (internal notes are filtered by the server).
 */
export function DemandTimeline({ demand }: { demand: DemandDetail }) {
  const { t, i18n } = useTranslation('demands');
  const language = i18n.language;
  const items = demand.timeline.map((entry) => {
    const facts = detailLine(entry, t as never);
    return {
      key: entry.id,
      color: COLOURS[entry.action] ?? 'blue',
      content: (
        <div data-testid={`timeline-${entry.action}`} data-to-state={entry.toState}>
          <Typography.Text strong>{t(`actions.${entry.action}`)}</Typography.Text>{' '}
          <Typography.Text type="secondary">{formatDateTime(entry.at, language)}</Typography.Text>
          {entry.actor && (
            <div>
              <Typography.Text type="secondary">{t('timeline.by', { name: entry.actor.displayName, org: entry.actor.orgName })}</Typography.Text>
            </div>
          )}
          {entry.reason && <div>{t('timeline.reason', { reason: entry.reason })}</div>}
          {facts && <div>{facts}</div>}
        </div>
      ),
    };
  });
  const due = demand.state === 'assigned' ? demand.responseDueAt : ['accepted', 'in_progress', 'waiting'].includes(demand.state) ? demand.resolutionDueAt : null;
  if (due) {
    items.push({
      key: -1,
      color: demand.isOverdue ? 'red' : 'gray',
      content: (
        <Typography.Text type={demand.isOverdue ? 'danger' : 'secondary'} data-testid="timeline-due">
          {demand.isPaused ? t('timeline.paused') : demand.isOverdue ? t('timeline.overdue', { time: formatDateTime(due, language) }) : t('timeline.due', { time: formatDateTime(due, language) })}
        </Typography.Text>
      ),
    });
  }
  return <Timeline items={items} data-testid="demand-timeline" />;
}
