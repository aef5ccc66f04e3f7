import type { UpcomingItem } from '../../../preload/contract';
import { href } from '../shell/routes';
import { usePeople } from '../state/people';

/** Where each reminder's action is done in the app. */
function actionHref(item: UpcomingItem): string {
  switch (item.action.kind) {
    case 'add-course':
      return href('courses', { credential: item.credentialId, add: '1' });
    case 'add-card':
      return href('cpr-aed', { add: '1' });
    case 'export-packet':
      return href('audit', { credential: item.credentialId });
    case 'record-application':
    case 'open-dashboard':
      return href('dashboard');
  }
}

/** The next deadlines, soonest first, each with the action that deals with it. */
export function UpcomingList({ items, showPerson, empty }: { items: UpcomingItem[]; showPerson: boolean; empty: string }) {
  const { choose } = usePeople();
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="upcoming">
      {items.map((item) => (
        <li key={item.uid} className="upcoming-item">
          <span className={`upcoming-when tone-${item.tone}`}>{item.whenText}</span>
          <span className="upcoming-what">
            <strong>{showPerson ? item.title : item.what}</strong>
            <span className="muted"> {item.description}</span>
          </span>
          <a className="upcoming-action" href={actionHref(item)} onClick={() => choose(item.personId)}>
            {item.action.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
