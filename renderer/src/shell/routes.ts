import { useEffect, useState } from 'react';

export const sections = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'courses', label: 'Courses' },
  { id: 'cpr-aed', label: 'CPR/AED' },
  { id: 'staff', label: 'Staff' },
  { id: 'settings', label: 'Settings' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '');
  return sections.find((s) => s.id === id)?.id ?? 'dashboard';
}

/** The current section lives in the URL hash, so a reload stays where the user was. */
export function useSection(): SectionId {
  const [section, setSection] = useState<SectionId>(() => sectionFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setSection(sectionFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return section;
}
