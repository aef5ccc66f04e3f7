import { useEffect, useMemo, useRef, useState } from 'react';
import type { Course, CourseLogQuery, CourseLogRow, Credential } from '../../../preload/contract';
import { call, useApi } from '../api';
import { Attachments } from '../attachments/Attachments';
import type { Route } from '../shell/routes';
import { href } from '../shell/routes';
import { usePeople } from '../state/people';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDate } from '../ui/format';
import { SelectField } from '../ui/SelectField';
import { FileExportButton } from '../ui/FileExportButton';
import { useSlashToSearch } from '../ui/useSlashToSearch';
import { usePrintPreparation } from '../ui/printing';
import { CourseCsvImport } from './CourseCsvImport';
import { CertificateInbox } from '../intake/CertificateInbox';
import { CourseForm } from './CourseForm';
import { CourseTable } from './CourseTable';
import { askFirstPageEarly, useCourseLog, type CourseLogFilters } from './useCourseLog';

type Panel = { mode: 'none' } | { mode: 'add' } | { mode: 'import' } | { mode: 'open'; course: Course };
type Sort = NonNullable<CourseLogQuery['sort']>;

interface FilterChoices {
  credentialId: string;
  approval: string;
  cycle: 'all' | 'current';
  missingOnly: boolean;
  search: string;
  sort: Sort;
}

/** The screen's choices as main reads them: a choice left empty filters nothing. */
function courseLogFilters(choices: FilterChoices): CourseLogFilters {
  return {
    credentialId: choices.credentialId || undefined,
    approval: (choices.approval || undefined) as Course['approval'] | undefined,
    cycle: choices.cycle,
    missingCertificates: choices.missingOnly || undefined,
    search: choices.search || undefined,
    sort: choices.sort,
  };
}

const NEWEST_FIRST: Sort = { key: 'completed', direction: 'desc' };

/** The first page of the course log as the menu opens it (every course, newest first), asked early. */
export function askCoursesEarly(personId: string): void {
  askFirstPageEarly(
    personId,
    courseLogFilters({ credentialId: '', approval: '', cycle: 'all', missingOnly: false, search: '', sort: NEWEST_FIRST }),
  );
}

export function CoursesPage({ route }: { route: Route }) {
  const { person } = usePeople();
  const credentials = useApi('listCredentials', person ? { personId: person.id } : null).data ?? [];
  const ruleSets = useApi('listRuleSets', {}).data ?? [];
  const [credentialId, setCredentialId] = useState(route.params.get('credential') ?? '');
  // The dashboard's "petitions not filed yet" finding opens the log on petitioned courses.
  const [approval, setApproval] = useState(route.params.get('approval') === 'petition' ? 'petition' : '');
  const [cycle, setCycle] = useState<'all' | 'current'>('all');
  const [missingOnly, setMissingOnly] = useState(route.params.get('missing') === '1');
  const [search, setSearch] = useState('');
  const searchInput = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchInput);
  const [debounced, setDebounced] = useState('');
  const [sort, setSort] = useState<Sort>(NEWEST_FIRST);
  // The dashboard's "Add a course" opens the form at once.
  const [panel, setPanel] = useState<Panel>(route.params.get('add') === '1' ? { mode: 'add' } : { mode: 'none' });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search), 200);
    return () => window.clearTimeout(timer);
  }, [search]);

  // A link from the dashboard ("Open it") names a course to show.
  const focus = route.params.get('focus');
  useEffect(() => {
    if (!focus) return;
    void call('getCourse', { id: focus }).then((result) => {
      if (result.ok) setPanel({ mode: 'open', course: result.value });
    });
  }, [focus]);

  const filters = useMemo(
    () => courseLogFilters({ credentialId, approval, cycle, missingOnly, search: debounced, sort }),
    [credentialId, approval, cycle, missingOnly, debounced, sort],
  );
  const log = useCourseLog(person?.id ?? null, filters);
  usePrintPreparation(log.loadAll);

  if (!person) {
    return (
      <section aria-labelledby="section-title">
        <h1 id="section-title">Courses</h1>
        <p className="empty-state">
          Add yourself under <a href={href('staff')}>Staff</a> first; your continuing-education courses will be listed here.
        </p>
      </section>
    );
  }

  const credentialName = (c: Credential) =>
    `${ruleSets.find((r) => r.id === c.ruleSet)?.credential ?? c.ruleSet}${c.number ? ` (${c.number})` : ''}`;

  function opened(row: CourseLogRow) {
    const { certificates: _files, verdicts: _verdicts, ...course } = row;
    setEditing(false);
    setPanel({ mode: 'open', course: course });
  }

  return (
    <section aria-labelledby="section-title" className="courses-page">
      <div className="section-header">
        <h1 id="section-title">Courses</h1>
        <div className="header-actions">
          <FileExportButton
            label="Export CSV"
            make={() => call('exportCourseLogCsv', { personId: person.id, ...(credentialId ? { credentialId } : {}) })}
          />
          <button type="button" onClick={() => setPanel({ mode: 'import' })}>
            Import CSV…
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setEditing(false);
              setPanel({ mode: 'add' });
            }}
          >
            Add course
          </button>
        </div>
      </div>
      <CertificateInbox personId={person.id} onFiled={log.reload} />

      <div className="toolbar" role="search" aria-label="Filter courses">
        <SelectField
          label="Credential"
          value={credentialId}
          onChange={(e) => setCredentialId(e.target.value)}
          options={[{ value: '', label: 'All credentials' }, ...credentials.map((c) => ({ value: c.id, label: credentialName(c) }))]}
        />
        <SelectField
          label="Approval"
          value={approval}
          onChange={(e) => setApproval(e.target.value)}
          options={[
            { value: '', label: 'Any approval' },
            { value: 'nasm', label: 'Body course' },
            { value: 'approved-provider', label: 'Approved provider' },
            { value: 'petition', label: 'Petition' },
          ]}
        />
        <SelectField
          label="Cycle"
          value={cycle}
          onChange={(e) => setCycle(e.target.value as 'all' | 'current')}
          options={[
            { value: 'all', label: 'All dates' },
            { value: 'current', label: 'Current cycle' },
          ]}
        />
        <label className="checkbox">
          <input type="checkbox" checked={missingOnly} onChange={(e) => setMissingOnly(e.target.checked)} />
          Counted, without a certificate
        </label>
        <div className="field search-field">
          <label htmlFor="course-search">Search</label>
          <input
            id="course-search"
            ref={searchInput}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Title, provider or code"
          />
        </div>
      </div>

      <div className="log-summary">
        <p className="muted">{log.total !== null ? log.countText : ''}</p>
        <p className="status-message" role="status">
          {message}
        </p>
      </div>
      {log.error && (
        <p className="field-error" role="alert">
          {log.error}
        </p>
      )}

      <div className="courses-layout">
        <div className="courses-main">
          {log.total === 0 && log.all === 0 ? (
            <div className="empty-state card">
              <p>
                No courses yet. Choose “Add course” and enter your first continuing-education course from its certificate, then attach the
                certificate itself.
              </p>
            </div>
          ) : (
            <CourseTable
              total={log.total ?? 0}
              rowAt={log.rowAt}
              ensure={log.ensure}
              sort={sort}
              onSort={setSort}
              onOpen={opened}
              selectedId={panel.mode === 'open' ? panel.course.id : null}
            />
          )}
        </div>

        {panel.mode === 'add' && (
          <aside className="courses-panel">
            <CourseForm
              personId={person.id}
              credentials={credentials}
              ruleSets={ruleSets}
              onCancel={() => setPanel({ mode: 'none' })}
              onSaved={(course, certificate) => {
                setMessage(
                  certificate
                    ? `Added ${course.title} with its certificate ${certificate}.`
                    : `Added ${course.title}. Attach its certificate below.`,
                );
                setPanel({ mode: 'open', course: course });
                log.reload();
              }}
            />
          </aside>
        )}
        {panel.mode === 'import' && (
          <aside className="courses-panel">
            <CourseCsvImport
              personId={person.id}
              credentials={credentials}
              credentialName={credentialName}
              onCancel={() => setPanel({ mode: 'none' })}
              onImported={(text) => {
                setMessage(text);
                setPanel({ mode: 'none' });
                log.reload();
              }}
            />
          </aside>
        )}
        {panel.mode === 'open' && (
          <aside className="courses-panel" aria-label={`Course: ${panel.course.title}`}>
            {editing ? (
              <CourseForm
                personId={person.id}
                credentials={credentials}
                ruleSets={ruleSets}
                course={panel.course}
                onCancel={() => setEditing(false)}
                onSaved={(course) => {
                  setEditing(false);
                  setMessage(`Saved ${course.title}.`);
                  setPanel({ mode: 'open', course: course });
                  log.reload();
                }}
              />
            ) : (
              <div className="card">
                <h2>{panel.course.title}</h2>
                <p className="muted">
                  {panel.course.provider} · {formatDate(panel.course.completed)} ·{' '}
                  {panel.course.contactHours !== null ? `${panel.course.contactHours} contact hours` : `${panel.course.ceus ?? 0} CEUs`}
                </p>
                <div className="form-actions">
                  <button type="button" onClick={() => setEditing(true)}>
                    Edit course
                  </button>
                  <button type="button" className="danger-outline" onClick={() => setDeleting(true)}>
                    Delete course
                  </button>
                  <button type="button" onClick={() => setPanel({ mode: 'none' })}>
                    Close
                  </button>
                </div>
                <Attachments owner={{ kind: 'course', id: panel.course.id }} label="Certificates" onChanged={log.reload} />
              </div>
            )}
          </aside>
        )}
      </div>
      {deleting && panel.mode === 'open' && (
        <ConfirmDialog
          title={`Delete “${panel.course.title}”?`}
          message={`The course of ${formatDate(panel.course.completed)} from ${panel.course.provider} and its certificate files are removed from Recert, and it no longer counts toward any credential. This cannot be undone.`}
          confirmLabel="Delete course"
          onCancel={() => setDeleting(false)}
          onConfirm={() => {
            const target = panel.course;
            setDeleting(false);
            void call('deleteCourse', { id: target.id }).then(() => {
              setMessage(`Deleted ${target.title}.`);
              setPanel({ mode: 'none' });
              log.reload();
            });
          }}
        />
      )}
    </section>
  );
}
