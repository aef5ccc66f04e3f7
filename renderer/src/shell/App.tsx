import { useEffect } from 'react';
import { load } from '../api';
import { SettingsPage } from '../settings/SettingsPage';
import { StaffPage } from '../staff/StaffPage';
import { sections, useSection, type SectionId } from './routes';
import { applyTheme } from './theme';

function SectionContent({ section }: { section: SectionId }) {
  switch (section) {
    case 'staff':
      return <StaffPage />;
    case 'settings':
      return <SettingsPage />;
    case 'dashboard':
      return (
        <EmptySection title="Dashboard">
          Start under <a href="#/staff">Staff</a>: add yourself (or each trainer on your team). Where each person stands toward
          recertification will show here.
        </EmptySection>
      );
    case 'courses':
      return (
        <EmptySection title="Courses">
          Your continuing-education courses will be listed here. Add a person under <a href="#/staff">Staff</a> first.
        </EmptySection>
      );
    case 'cpr-aed':
      return (
        <EmptySection title="CPR/AED">
          Your CPR/AED cards will be listed here. Add a person under <a href="#/staff">Staff</a> first.
        </EmptySection>
      );
  }
}

function EmptySection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="section-title">
      <h1 id="section-title">{title}</h1>
      <p className="empty-state">{children}</p>
    </section>
  );
}

export function App() {
  const section = useSection();

  useEffect(() => {
    load('getSettings', {})
      .then((settings) => applyTheme(settings.theme))
      .catch(() => applyTheme('system'));
  }, []);

  return (
    <div className="app">
      <nav className="app-nav" aria-label="Main">
        <p className="app-name">Recert</p>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={s.id === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">
        <SectionContent section={section} />
      </main>
    </div>
  );
}
