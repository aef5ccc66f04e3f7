import { useEffect, useRef } from 'react';
import { call, useApi } from '../api';
import { FileExportButton } from '../ui/FileExportButton';
import { LoadError } from '../ui/LoadError';
import { UpcomingList } from './Upcoming';

/** A trainer's next deadlines on their dashboard, and their calendar file. */
export function PersonUpcoming({ personId, version }: { personId: string; version: number }) {
  const upcoming = useApi('getUpcoming', { personId });
  const { reload } = upcoming;
  // `version` moves when the dashboard saves something: the deadlines may have moved with it. The
  // first render already asked, so only a later version asks again.
  const asked = useRef(version);
  useEffect(() => {
    if (asked.current === version) return;
    asked.current = version;
    reload();
  }, [version, reload]);
  return (
    <section className="card upcoming-card" aria-labelledby="upcoming-title">
      <div className="section-header">
        <h2 id="upcoming-title">Upcoming</h2>
        <FileExportButton label="Add to calendar…" make={() => call('exportCalendar', { personId })} />
      </div>
      <LoadError error={upcoming.error} />
      {upcoming.data && <UpcomingList items={upcoming.data.slice(0, 6)} showPerson={false} empty="No deadline ahead." />}
    </section>
  );
}
