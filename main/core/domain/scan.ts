// What reading a certificate proposes for the course or card form: each field with how sure Recert is.

export type ScannedDocument = 'course-certificate' | 'cpr-aed-card' | 'transcript' | 'unknown';
/** How a course is approved, as the records file says it (approval). */
export type ScannedApproval = 'nasm' | 'approved-provider' | 'petition';
export type ScanSource = 'pdf-text' | 'ocr';

export interface ScannedField<T> {
  value: T;
  /** 0–1: below 0.75 the form highlights the field for checking. */
  confidence: number;
}

export interface ScannedFields {
  name: ScannedField<string> | null;
  title: ScannedField<string> | null;
  provider: ScannedField<string> | null;
  completed: ScannedField<string> | null;
  ceus: ScannedField<number> | null;
  contactHours: ScannedField<number> | null;
  approvalCode: ScannedField<string> | null;
  /** Given when the certificate states its approval ("NASM Approved Provider", "approved for 0.5 CEUs by …"). */
  approval: ScannedField<ScannedApproval> | null;
  /** Cards: the expiration (a "recommended renewal" date counts as one). */
  expires: ScannedField<string> | null;
  adultCpr: ScannedField<boolean> | null;
  aed: ScannedField<boolean> | null;
  handsOn: ScannedField<boolean> | null;
}

/** `recert scan --json`'s document (docs/cli.md). */
export interface ScanResult {
  file: string;
  document: ScannedDocument;
  source: ScanSource;
  /** A transcript's: the fields common to its courses (name, provider); each course is in `courses`. */
  fields: ScannedFields;
  /** A transcript only: one set of fields per course it lists. */
  courses?: ScannedFields[];
}

/** What the app shows after reading a dropped certificate. */
export interface ScanView {
  result: ScanResult | null;
  /** "Filled in from the PDF's text: check each field", or why nothing could be read. */
  message: string;
  /** Per filled field: "From the certificate (90 % sure)", and whether to check it (highlighted). */
  notes: Partial<Record<keyof ScannedFields, { text: string; check: boolean }>>;
}

/** How far reading a photo has come, while it is read ("Recognising text… 45 %"), or null. */
export interface ScanProgress {
  text: string | null;
}
