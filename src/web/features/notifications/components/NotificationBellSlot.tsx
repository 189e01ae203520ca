import { Component, lazy, Suspense, type ReactNode } from 'react';

// The bell (and its live stream) is a chunk of its own: the header renders at once, the bell a moment
// later, and the login page never carries it. This file is all the layout imports: no antd, no i18n.
const NotificationBell = lazy(() => import('./NotificationBell.tsx'));

const placeholder = <span style={{ width: 34, flex: 'none' }} aria-hidden />;

/** A bell that failed to load (offline, a new deployment) leaves a gap, not a broken page. */
class BellBoundary extends Component<{ children: ReactNode }, { hasFailed: boolean }> {
  override state = { hasFailed: false };

  static getDerivedStateFromError() {
    return { hasFailed: true };
  }

  override render() {
    return this.state.hasFailed ? placeholder : this.props.children;
  }
}

/** The header's place for the notification bell. */
export function NotificationBellSlot() {
  return (
    <BellBoundary>
      <Suspense fallback={placeholder}>
        <NotificationBell />
      </Suspense>
    </BellBoundary>
  );
}
