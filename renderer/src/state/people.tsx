import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Person } from '../../../preload/contract';
import { load } from '../api';

interface PeopleState {
  people: Person[] | null;
  /** Whose records the Dashboard, Courses, CPR/AED and Audit screens show. */
  person: Person | null;
  choose(personId: string): void;
  refresh(): Promise<void>;
  error: string | null;
}

const PeopleContext = createContext<PeopleState | null>(null);
const STORAGE_KEY = 'recert.person';

export function PeopleProvider({ children }: { children: ReactNode }) {
  const [people, setPeople] = useState<Person[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(() => window.localStorage.getItem(STORAGE_KEY));
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setPeople(await load('listPeople', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<PeopleState>(() => {
    const person = people?.find((p) => p.id === chosen) ?? people?.[0] ?? null;
    return {
      people,
      person,
      error,
      refresh,
      choose(personId: string) {
        window.localStorage.setItem(STORAGE_KEY, personId);
        setChosen(personId);
      },
    };
  }, [people, chosen, error, refresh]);

  return <PeopleContext.Provider value={value}>{children}</PeopleContext.Provider>;
}

export function usePeople(): PeopleState {
  const state = useContext(PeopleContext);
  if (!state) throw new Error('usePeople outside PeopleProvider');
  return state;
}
