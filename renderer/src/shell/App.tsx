import { useEffect } from 'react';
import type { Person } from '../../../preload/contract';
import { forgetEarly, load } from '../api';
import { AuditPage } from '../audit/AuditPage';
import { askCoursesEarly, CoursesPage } from '../courses/CoursesPage';
import { CprAedPage } from '../cpr-aed/CprAedPage';
import { askDashboardEarly, DashboardPage } from '../dashboard/DashboardPage';
import { SettingsPage } from '../settings/SettingsPage';
import { StaffPage } from '../staff/StaffPage';
import { PeopleProvider, usePeople } from '../state/people';
import { lastTeamHash } from '../team/team-filters';
import { TeamPage } from '../team/TeamPage';
import { LongSelect } from '../ui/LongSelect';
import { usePersonChoices } from '../ui/person-choices';
import { installPrinting } from '../ui/printing';
import { BackupWarning } from './BackupWarning';
import { sections, useRoute, type Route, type SectionId } from './routes';
import { applyTheme } from './theme';

/** With more than one person the store is a team's: its home is the Team screen. */
function useHome(): SectionId {
  const { people } = usePeople();
  return people && people.length > 1 ? 'team' : 'dashboard';
}

function SectionContent({ route }: { route: Route }) {
  const home = useHome();
  switch (route.section === 'home' ? home : route.section) {
    case 'team':
      // Not keyed on its parameters: its filters change them as the manager types.
      return <TeamPage route={route} />;
    case 'dashboard':
      return <DashboardPage route={route} />;
    case 'courses':
      return <CoursesPage key={route.params.toString()} route={route} />;
    case 'cpr-aed':
      return <CprAedPage key={route.params.toString()} route={route} />;
    case 'audit':
      return <AuditPage key={route.params.toString()} route={route} />;
    case 'staff':
      return <StaffPage key={route.params.toString()} route={route} />;
    case 'settings':
      return <SettingsPage />;
  }
}

const NO_ONE: Person[] = [];

/** Whose records the screens show: one trainer, or any trainer of the gym. */
function PersonPicker() {
  const { people, person, choose } = usePeople();
  const choices = usePersonChoices(people ?? NO_ONE);
  if (!people || people.length < 2 || !person) return person ? <p className="person-current">{person.name}</p> : null;
  return (
    <div className="field person-picker">
      <label htmlFor="person-picker">Showing records of</label>
      {/* A closed select cuts a long name: the whole name stands above it, wrapped. */}
      <p className="person-picked" aria-hidden="true">
        {person.name}
      </p>
      <LongSelect id="person-picker" choices={choices} value={person.id} title={person.name} placeholder="Type a name" onChange={choose} />
    </div>
  );
}

/**
 * The first read of the screens whose data takes longest to work out, asked for at the click on the
 * menu rather than once the screen has rendered (see askEarly).
 */
const ASK_EARLY: Partial<Record<SectionId, (personId: string) => void>> = {
  dashboard: askDashboardEarly,
  courses: askCoursesEarly,
};

function Shell() {
  const route = useRoute();
  const home = useHome();
  const { person } = usePeople();
  const current = route.section === 'home' ? home : route.section;
  const opening = (section: SectionId) => {
    forgetEarly();
    if (person && section !== current) ASK_EARLY[section]?.(person.id);
  };
  useEffect(() => installPrinting(), []);
  useEffect(() => {
    load('getSettings', {})
      .then((settings) => applyTheme(settings.theme))
      .catch(() => applyTheme('system'));
  }, []);

  return (
    <div className="app">
      <nav className="app-nav" aria-label="Main">
        <p className="app-name">Recert</p>
        <PersonPicker />
        <ul>
          {sections
            .filter((s) => s.id !== 'team' || home === 'team')
            .map((s) => (
              <li key={s.id}>
                <a
                  href={s.id === 'team' ? lastTeamHash() : `#/${s.id}`}
                  aria-current={s.id === current ? 'page' : undefined}
                  onClick={() => opening(s.id)}
                >
                  {s.label}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <main className="app-main">
        <BackupWarning />
        <SectionContent route={route} />
      </main>
    </div>
  );
}

export function App() {
  return (
    <PeopleProvider>
      <Shell />
    </PeopleProvider>
  );
}
