// The merge rule (docs/sync.md). Each record (a person, credential, card, course or attachment)
// keeps the set of its latest versions. A version carries a version vector: for each device that
// contributed to it, the stamp of that device's latest change it includes. A version dominates
// another when it includes everything the other does. Merging keeps exactly the versions no other
// version dominates, which is the same set whatever the order versions arrive in, however often:
// every device that has seen the same versions holds the same set. Two versions left side by side
// were made without either device seeing the other's: a conflict, unless they hold the same data.
// The version shown (and stored in the tables) is the one with the latest stamp; the other is kept
// until the person resolves the conflict.

/** A record's content: its row's columns (and a course's credential ids), or null once deleted. */
export type RecordData = Record<string, unknown> | null;

export interface Version {
  /** The device that made this version. */
  device: string;
  /** Its hybrid-logical-clock stamp (clock.ts), unique across devices. */
  stamp: string;
  /** Device → stamp of that device's latest change included in this version. */
  vector: Record<string, string>;
  data: RecordData;
}

/** True when `a` includes every change `b` includes (a version dominates itself). */
export function dominates(a: Version, b: Version): boolean {
  for (const [device, stamp] of Object.entries(b.vector)) {
    const mine = a.vector[device];
    if (mine === undefined || mine < stamp) return false;
  }
  return true;
}

/**
 * The versions of a record after `incoming` arrives: unchanged when it is already included (a
 * duplicate or an older version), otherwise it joins and replaces the versions it includes.
 */
export function mergeVersion(current: readonly Version[], incoming: Version): { versions: Version[]; changed: boolean } {
  if (current.some((version) => dominates(version, incoming))) return { versions: [...current], changed: false };
  const kept = current.filter((version) => !dominates(incoming, version));
  return { versions: sortVersions([...kept, incoming]), changed: true };
}

/** Latest stamp first: the first version is the one shown. */
export function sortVersions(versions: Version[]): Version[] {
  return versions.sort((a, b) => (a.stamp < b.stamp ? 1 : a.stamp > b.stamp ? -1 : 0));
}

/** The version shown: the latest stamp among those kept. */
export function shownVersion(versions: readonly Version[]): Version | undefined {
  return versions[0];
}

/** A vector that includes every version given, and the new stamp of the device making it. */
export function vectorOver(versions: readonly Version[], device: string, stamp: string): Record<string, string> {
  const vector: Record<string, string> = {};
  for (const version of versions) {
    for (const [d, s] of Object.entries(version.vector)) {
      const known = vector[d];
      if (known === undefined || known < s) vector[d] = s;
    }
  }
  vector[device] = stamp;
  return vector;
}

/** Data in one canonical text (keys sorted), to compare versions by content. */
export function canonicalData(data: RecordData): string {
  if (data === null) return 'null';
  return JSON.stringify(
    Object.keys(data)
      .sort()
      .map((key) => [key, data[key]]),
  );
}

/** Versions kept side by side whose contents differ: the person must choose. */
export function isConflict(versions: readonly Version[]): boolean {
  if (versions.length < 2) return false;
  const first = canonicalData(versions[0]?.data ?? null);
  return versions.some((version) => canonicalData(version.data) !== first);
}
