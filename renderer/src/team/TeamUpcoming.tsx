import type { TeamQuery } from '../../../preload/contract';
import { useApi } from '../api';
import { UpcomingList } from '../reminders/Upcoming';
import { LoadError } from '../ui/LoadError';
import { SelectField } from '../ui/SelectField';
import { ShowMore, useShown } from '../ui/ShowMore';
import type { TeamState } from './team-filters';

/** Everyone's deadlines in the next 30, 60 or 90 days, soonest first, each with its fix; the Team filters choose whose. */
export function TeamUpcoming({
  window,
  onWindow,
  query,
  filtered,
}: {
  window: TeamState['window'];
  onWindow(window: TeamState['window']): void;
  /** Whose deadlines: the credentials the Team filters select, chosen in main. */
  query: TeamQuery;
  filtered: boolean;
}) {
  const upcoming = useApi('getTeamUpcoming', { ...query, days: Number(window) });
  // A chain has thousands of deadlines in 90 days: the first ones drawn, more when asked for.
  const { shown, more } = useShown(JSON.stringify([window, query]));
  return (
    <section aria-label="Upcoming deadlines of the team">
      <SelectField
        label="Within"
        value={window}
        onChange={(e) => onWindow(e.target.value as TeamState['window'])}
        options={[
          { value: '30', label: 'the next 30 days' },
          { value: '60', label: 'the next 60 days' },
          { value: '90', label: 'the next 90 days' },
        ]}
      />
      <LoadError error={upcoming.error} />
      {upcoming.data && (
        <>
          <UpcomingList
            items={upcoming.data.slice(0, shown)}
            showPerson
            empty={filtered ? `No deadline of these credentials in the next ${window} days.` : `No deadline in the next ${window} days.`}
          />
          <ShowMore
            shown={shown}
            total={upcoming.data.length}
            noun="deadlines"
            hint="a shorter window, the filters or the search above narrow them."
            onMore={more}
          />
        </>
      )}
    </section>
  );
}
