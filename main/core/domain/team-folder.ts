// What Settings → Team folder and the Team screen show of the team folder: every sentence is made in
// main (service/team-folder.ts), so the renderer shows the state and the conflicts without wording them.

/** How the state reads at a glance: not in a team, all well, something for the person to do, or syncing stopped. */
export type TeamFolderTone = 'off' | 'ok' | 'attention' | 'problem';

export interface TeamConflictChoice {
  /** The device whose version this is (what resolveTeamConflict's `keep` takes). */
  device: string;
  /** "Keep the one from Dana's laptop: 'Kettlebell Level 2', 2 CEUs" */
  label: string;
}

export interface TeamConflictView {
  kind: 'person' | 'credential' | 'card' | 'course' | 'attachment';
  id: string;
  /** "Dana Rivera's course 'Kettlebell Level 1': changed on Dana's laptop and on Front desk — keep which?" */
  text: string;
  choices: TeamConflictChoice[];
}

export interface TeamScopeChoice {
  /** 'everyone', or the id of the one person whose records this Recert takes. */
  value: string;
  label: string;
}

export interface TeamFolderView {
  joined: boolean;
  folder: string | null;
  /** The one line that says where things stand: "Up to date", "3 conflicts to resolve", "The folder is not reachable…". */
  stateText: string;
  tone: TeamFolderTone;
  /** More of the state: whom something was last received from and when, files still arriving. */
  details: string[];
  /** "This computer is 'Front desk' in the team; it takes everyone's records (a manager's Recert)." */
  deviceText: string | null;
  conflicts: TeamConflictView[];
  /** The team passphrase must be typed (again) before anything is sent or received. */
  passphraseNeeded: boolean;
  /** Where the team passphrase is kept on this computer. */
  passphraseKeptText: string;
  /** Whose records a Recert joining here can take, the default first. */
  scopeChoices: TeamScopeChoice[];
  /** The name this computer would give itself on joining. */
  suggestedName: string;
  /** Moves whenever a sync brought records in or a conflict was resolved: screens showing records reload. */
  revision: number;
  /** The desktop offers a folder chooser. */
  canChoose: boolean;
}
