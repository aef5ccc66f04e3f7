import { useEffect, useState } from 'react';

export const sections = [
  { id: 'team', label: 'Team' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'courses', label: 'Courses' },
  { id: 'cpr-aed', label: 'CPR/AED' },
  { id: 'audit', label: 'Audit' },
  { id: 'staff', label: 'Staff' },
  { id: 'settings', label: 'Settings' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export interface Route {
  /** 'home': no section named; the shell picks the Team screen for a team, the dashboard otherwise. */
  section: SectionId | 'home';
  params: URLSearchParams;
}

function routeFromHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const section = sections.find((s) => s.id === path)?.id ?? null;
  return { section: section ?? 'home', params: new URLSearchParams(query) };
}

export function href(section: SectionId, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${section}${query ? `?${query}` : ''}`;
}

/** The current screen lives in the URL hash, so a reload stays where the user was. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
