'use client';

import { useSyncExternalStore } from 'react';
import { dateTimeText, utcDateTime } from '@/lib/text/utc';

const never = () => () => {};

/**
 * A time in the reader's own zone, with UTC in the tooltip. The server cannot know the zone: it
 * renders UTC, hydration keeps that (getServerSnapshot), and the browser then shows its local time,
 * so the two never disagree during hydration.
 */
export function LocalTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
  const utc = utcDateTime(iso);
  return (
    <time dateTime={iso} title={utc}>
      {inBrowser ? dateTimeText(iso) : utc}
    </time>
  );
}
