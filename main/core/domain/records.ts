// The records Recert keeps, as every layer sees them: the store reads and writes them, the engine is
// fed from them, the contract returns them and the renderer shows them. Pure TypeScript: no Node, DOM
// or Electron import may appear here (the renderer's type-check includes this file).

export const approvalKinds = ['nasm', 'approved-provider', 'petition'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];
/** How each approval is named on screens, in the packet and in previews. */
export const APPROVAL_TEXT: Record<ApprovalKind, string> = {
  nasm: 'Body course',
  'approved-provider': 'Approved provider',
  petition: 'Petition',
};
export const petitionStatuses = ['pending', 'approved', 'denied'] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** Certificate files up to 25 MB. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Over 100 CEUs on one certificate is a typing mistake; with 1 h = 0.1 CEU that is 1,000 contact hours. */
export const MAX_CEUS = 100;
export const MAX_CONTACT_HOURS = 1000;
/** The records format's convention: 1 contact hour = 0.1 CEU. */
export const CONTACT_HOURS_PER_CEU = 10;

export interface Person {
  id: string;
  name: string;
  email: string | null;
  employeeId: string | null;
  active: boolean;
}

export interface Credential {
  id: string;
  personId: string;
  ruleSet: string;
  number: string | null;
  expires: string;
  cycleStart: string | null;
  /** The original certification date (printed on the certificate); NSCA prorates its requirement by it. */
  certified: string | null;
  applicationSubmitted: string | null;
  applicationAccepted: string | null;
  auditNoticeReceived: string | null;
  documentsSent: string | null;
}

export interface Petition {
  status: PetitionStatus;
  filed: string | null;
  decided: string | null;
}

export interface Course {
  id: string;
  personId: string;
  title: string;
  provider: string;
  approval: ApprovalKind;
  approvalCode: string | null;
  completed: string;
  /** Exactly one of ceus / contactHours is set, as entered from the certificate. */
  ceus: number | null;
  contactHours: number | null;
  petition: Petition | null;
  category: string | null;
  credentialIds: string[];
}

export interface CprAedCard {
  id: string;
  personId: string;
  provider: string;
  completed: string;
  expires: string;
  adultCpr: boolean;
  aed: boolean;
  handsOn: boolean;
}

export const attachmentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif'] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

/** An attachment as stored: which file (by SHA-256) evidences which course or card. */
export interface StoredAttachment {
  id: string;
  sha256: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  courseId: string | null;
  cprAedCardId: string | null;
}

/** Whose certificate an attachment is. */
export type AttachmentOwner = { kind: 'course'; id: string } | { kind: 'cpr-aed-card'; id: string };
