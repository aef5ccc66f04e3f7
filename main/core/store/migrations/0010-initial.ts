import type { Migration } from './types';

// Ids never contain control characters (U+0001–U+001F): U+001F separates ids in grouped reads.
// Calendar dates are TEXT 'YYYY-MM-DD'; `date(x) IS x` rejects both garbage and 2026-02-30
// (SQLite would normalise that to 2026-03-02, which then differs from the stored text).
// Amounts are integers: CEUs in thousandths, contact hours in hundredths (docs/rules.md: exact sums).
export const initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[' || char(1) || '-' || char(31) || ']*'),
        name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        email       TEXT CHECK (email IS NULL OR (length(email) <= 254 AND email LIKE '%_@_%')),
        employee_id TEXT CHECK (employee_id IS NULL OR length(employee_id) BETWEEN 1 AND 64),
        active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT;
      CREATE INDEX people_by_active_name ON people(active, name COLLATE NOCASE);

      CREATE TABLE credentials (
        id                    TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[' || char(1) || '-' || char(31) || ']*'),
        person_id             TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        rule_set              TEXT NOT NULL CHECK (length(rule_set) BETWEEN 1 AND 64),
        number                TEXT CHECK (number IS NULL OR length(number) BETWEEN 1 AND 64),
        expires               TEXT NOT NULL CHECK (date(expires) IS expires),
        cycle_start           TEXT CHECK (cycle_start IS NULL OR date(cycle_start) IS cycle_start),
        application_submitted TEXT CHECK (application_submitted IS NULL OR date(application_submitted) IS application_submitted),
        application_accepted  TEXT CHECK (application_accepted IS NULL OR (date(application_accepted) IS application_accepted
                                          AND application_submitted IS NOT NULL AND application_accepted >= application_submitted)),
        audit_notice_received TEXT CHECK (audit_notice_received IS NULL OR date(audit_notice_received) IS audit_notice_received),
        documents_sent        TEXT CHECK (documents_sent IS NULL OR (date(documents_sent) IS documents_sent
                                          AND audit_notice_received IS NOT NULL AND documents_sent >= audit_notice_received))
      ) STRICT;
      CREATE INDEX credentials_by_person ON credentials(person_id);

      CREATE TABLE activities (
        id                        TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[' || char(1) || '-' || char(31) || ']*'),
        person_id                 TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        title                     TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
        provider                  TEXT NOT NULL CHECK (length(trim(provider)) BETWEEN 1 AND 200),
        approval                  TEXT NOT NULL CHECK (approval IN ('nasm', 'approved-provider', 'petition')),
        approval_code             TEXT CHECK (approval_code IS NULL OR length(approval_code) BETWEEN 1 AND 64),
        completed                 TEXT NOT NULL CHECK (date(completed) IS completed),
        ceu_thousandths           INTEGER CHECK (ceu_thousandths IS NULL OR ceu_thousandths BETWEEN 1 AND 100000),
        contact_hour_hundredths   INTEGER CHECK (contact_hour_hundredths IS NULL OR contact_hour_hundredths BETWEEN 1 AND 100000),
        petition_status           TEXT CHECK (petition_status IS NULL OR petition_status IN ('pending', 'approved', 'denied')),
        petition_filed            TEXT CHECK (petition_filed IS NULL OR date(petition_filed) IS petition_filed),
        petition_decided          TEXT CHECK (petition_decided IS NULL OR date(petition_decided) IS petition_decided),
        category                  TEXT CHECK (category IS NULL OR (length(category) BETWEEN 1 AND 40 AND category NOT GLOB '*[^a-z0-9-]*')),
        CHECK ((ceu_thousandths IS NULL) <> (contact_hour_hundredths IS NULL)),
        CHECK (petition_status IS NULL OR approval = 'petition'),
        CHECK (petition_status IS NOT NULL OR (petition_filed IS NULL AND petition_decided IS NULL))
      ) STRICT;
      -- (person_id) alone: its entries are ordered by rowid within a person, so a person's courses
      -- come back in record order without a sort; the screens sort in memory.
      CREATE INDEX activities_by_person ON activities(person_id);

      -- One course can count toward several credentials of the same person.
      CREATE TABLE activity_credentials (
        activity_id   TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
        PRIMARY KEY (activity_id, credential_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX activity_credentials_by_credential ON activity_credentials(credential_id, activity_id);

      CREATE TRIGGER activity_credentials_same_person
      BEFORE INSERT ON activity_credentials
      WHEN (SELECT person_id FROM activities WHERE id = NEW.activity_id)
           IS NOT (SELECT person_id FROM credentials WHERE id = NEW.credential_id)
      BEGIN
        SELECT RAISE(ABORT, 'an activity can only count toward credentials of the same person');
      END;

      CREATE TABLE cpr_aed_cards (
        id        TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[' || char(1) || '-' || char(31) || ']*'),
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        provider  TEXT NOT NULL CHECK (length(trim(provider)) BETWEEN 1 AND 200),
        completed TEXT NOT NULL CHECK (date(completed) IS completed),
        expires   TEXT NOT NULL CHECK (date(expires) IS expires),
        adult_cpr INTEGER NOT NULL CHECK (adult_cpr IN (0, 1)),
        aed       INTEGER NOT NULL CHECK (aed IN (0, 1)),
        hands_on  INTEGER NOT NULL CHECK (hands_on IN (0, 1)),
        CHECK (expires >= completed)
      ) STRICT;
      CREATE INDEX cpr_aed_cards_by_person ON cpr_aed_cards(person_id, expires);

      -- Certificate files live content-addressed on disk (attachments/<sha256[0..2]>/<sha256>);
      -- a row says which activity or card a file evidences.
      CREATE TABLE attachments (
        id              TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[' || char(1) || '-' || char(31) || ']*'),
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        file_name       TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        media_type      TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif')),
        size            INTEGER NOT NULL CHECK (size > 0),
        activity_id     TEXT REFERENCES activities(id) ON DELETE CASCADE,
        cpr_aed_card_id TEXT REFERENCES cpr_aed_cards(id) ON DELETE CASCADE,
        CHECK ((activity_id IS NULL) <> (cpr_aed_card_id IS NULL))
      ) STRICT;
      CREATE INDEX attachments_by_activity ON attachments(activity_id) WHERE activity_id IS NOT NULL;
      CREATE INDEX attachments_by_card ON attachments(cpr_aed_card_id) WHERE cpr_aed_card_id IS NOT NULL;
      CREATE INDEX attachments_by_sha256 ON attachments(sha256);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
