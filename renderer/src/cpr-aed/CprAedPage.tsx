import { useState } from 'react';
import type { CprAedCard } from '../../../preload/contract';
import { call, useApi } from '../api';
import { Attachments } from '../attachments/Attachments';
import { href, type Route } from '../shell/routes';
import { usePeople } from '../state/people';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDate } from '../ui/format';
import { LoadError } from '../ui/LoadError';
import { CardForm } from './CardForm';

type Editing = { mode: 'none' } | { mode: 'add' } | { mode: 'edit'; card: CprAedCard };

export function CprAedPage({ route }: { route: Route }) {
  const { person } = usePeople();
  const [editing, setEditing] = useState<Editing>(route.params.get('add') === '1' ? { mode: 'add' } : { mode: 'none' });
  const [deleting, setDeleting] = useState<CprAedCard | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const cardList = useApi('listCprAedCards', person ? { personId: person.id } : null);
  const evaluationList = useApi('evaluatePerson', person ? { personId: person.id } : null);
  const cards = cardList.data;
  const evaluations = evaluationList.data ?? [];
  const refresh = () => {
    cardList.reload();
    evaluationList.reload();
  };

  if (!person) {
    return (
      <section aria-labelledby="section-title">
        <h1 id="section-title">CPR/AED</h1>
        <p className="empty-state">
          Add yourself under <a href={href('staff')}>Staff</a> first; your CPR/AED cards will be listed here.
        </p>
      </section>
    );
  }

  /** What the engine decided about this card, for each credential that looked at it. */
  function verdictsFor(card: CprAedCard): { credential: string; text: string; tone: string }[] {
    return evaluations
      .filter((e) => e.verdict.cprAed.id === card.id)
      .map((e) => ({ credential: e.ruleSet.credential, text: e.cprAedText, tone: e.cprAedTone }));
  }

  return (
    <section aria-labelledby="section-title">
      <div className="section-header">
        <h1 id="section-title">CPR/AED</h1>
        <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })} disabled={editing.mode !== 'none'}>
          Add card
        </button>
      </div>
      <p className="section-intro">
        A current CPR/AED certification with Adult CPR and AED is part of every recertification. Keep a photo of the front and back.
      </p>
      {editing.mode !== 'none' && (
        <CardForm
          personId={person.id}
          card={editing.mode === 'edit' ? editing.card : undefined}
          onCancel={() => setEditing({ mode: 'none' })}
          onSaved={(card, certificate) => {
            setEditing({ mode: 'none' });
            setMessage(`Saved the card from ${card.provider}${certificate ? ` with its certificate ${certificate}` : ''}.`);
            refresh();
          }}
        />
      )}
      <p className="status-message" role="status">
        {message}
      </p>
      <LoadError error={cardList.error ?? evaluationList.error} />
      {cards === null ? (
        !cardList.error && <p aria-busy="true">Loading…</p>
      ) : cards.length === 0 ? (
        <p className="empty-state card">
          No CPR/AED card yet. Choose “Add card” and enter the dates from your card, then attach photos of both sides.
        </p>
      ) : (
        cards.map((card) => {
          const verdicts = verdictsFor(card);
          return (
            <article key={card.id} className="card" aria-label={`CPR/AED card from ${card.provider}`}>
              <div className="section-header">
                <h2>{card.provider}</h2>
                <div className="form-actions">
                  <button type="button" onClick={() => setEditing({ mode: 'edit', card })}>
                    Edit card
                  </button>
                  <button type="button" className="danger-outline" onClick={() => setDeleting(card)}>
                    Delete card
                  </button>
                </div>
              </div>
              <p>
                Completed {formatDate(card.completed)}, expires {formatDate(card.expires)}.{' '}
                {[
                  card.adultCpr ? 'Adult CPR' : 'no Adult CPR',
                  card.aed ? 'AED' : 'no AED',
                  card.handsOn ? 'hands-on skills check' : 'online only',
                ].join(', ')}
                .
              </p>
              {verdicts.length > 0 ? (
                <ul className="card-verdicts">
                  {verdicts.map((v) => (
                    <li key={v.credential} className={`tone-${v.tone}`}>
                      <strong>{v.credential}:</strong> {v.text}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">Not the card any credential relies on.</p>
              )}
              <Attachments owner={{ kind: 'cpr-aed-card', id: card.id }} label="Photos of the card (front and back)" />
            </article>
          );
        })
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete the card from ${deleting.provider}?`}
          message={`The card completed ${formatDate(deleting.completed)}, valid until ${formatDate(deleting.expires)}, and its photos are removed from Recert. This cannot be undone.`}
          confirmLabel="Delete card"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const target = deleting;
            setDeleting(null);
            void call('deleteCprAedCard', { id: target.id }).then(() => {
              setMessage(`Deleted the card from ${target.provider}.`);
              refresh();
            });
          }}
        />
      )}
    </section>
  );
}
