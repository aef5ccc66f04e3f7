// The team folder's encryption: the age file format (header with its MAC, then the payload in
// authenticated chunks, so a file cut short is detected), with the file key wrapped for the team
// passphrase. age's own passphrase stanza runs scrypt for every file, which would make a sync over
// hundreds of change files slow; here the passphrase is stretched once per salt (each device
// has its own salt, written in its stanzas) and each file key is sealed with ChaCha20-Poly1305.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

const STANZA_TYPE = 'recert.app/team-passphrase';
/** scrypt cost: 2^16 × 8 × 128 B = 64 MB, paid once per device and process. */
const SCRYPT = { N: 2 ** 16, r: 8, p: 1, maxmem: 128 * 1024 * 1024 };
const AGE_MAGIC = 'age-encryption.org/v1\n';

/** The passphrase does not open this team folder's files. */
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
}

/** Whether these bytes are an age file (rather than a plain team-folder file). */
export function isEncrypted(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, AGE_MAGIC.length)).toString('latin1') === AGE_MAGIC;
}

type Age = typeof import('age-encryption');
let agePromise: Promise<Age> | null = null;
function age(): Promise<Age> {
  agePromise ??= import('age-encryption');
  return agePromise;
}

/**
 * Stretched keys for the life of the process, by passphrase and salt: the app syncs whenever files
 * arrive, and scrypt (which blocks the process) then runs once per device, not once per sync.
 */
const stretched = new Map<string, Buffer>();
const MAX_STRETCHED = 1024;

export function teamCrypt(passphrase: string, ownSalt: string) {
  const normalized = passphrase.normalize('NFC');
  const passphraseId = createHash('sha256').update(normalized).digest('hex');
  function keyFor(salt: string): Buffer {
    const id = `${passphraseId}/${salt}`;
    let key = stretched.get(id);
    if (!key) {
      key = scryptSync(normalized, `recert-team/v1/${salt}`, 32, SCRYPT);
      if (stretched.size >= MAX_STRETCHED) stretched.clear();
      stretched.set(id, key);
    }
    return key;
  }

  async function encrypt(plain: Uint8Array): Promise<Uint8Array> {
    const { Encrypter, Stanza } = await age();
    const encrypter = new Encrypter();
    encrypter.addRecipient({
      wrapFileKey(fileKey: Uint8Array) {
        const nonce = randomBytes(12);
        const cipher = createCipheriv('chacha20-poly1305', keyFor(ownSalt), nonce, { authTagLength: 16 });
        const sealed = Buffer.concat([nonce, cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
        return [new Stanza([STANZA_TYPE, ownSalt], sealed)];
      },
    });
    return encrypter.encrypt(plain);
  }

  /** Throws WrongPassphraseError when the file is the team's but the passphrase is not; other errors mean a damaged or incomplete file. */
  async function decrypt(bytes: Uint8Array): Promise<Uint8Array> {
    const { Decrypter } = await age();
    const decrypter = new Decrypter();
    let matched = false;
    decrypter.addIdentity({
      unwrapFileKey(stanzas: { args: string[]; body: Uint8Array }[]) {
        for (const stanza of stanzas) {
          const [type, salt] = stanza.args;
          if (type !== STANZA_TYPE || !salt || stanza.body.length !== 12 + 16 + 16) continue;
          matched = true;
          const body = Buffer.from(stanza.body);
          const decipher = createDecipheriv('chacha20-poly1305', keyFor(salt), body.subarray(0, 12), { authTagLength: 16 });
          decipher.setAuthTag(body.subarray(28));
          try {
            return new Uint8Array(Buffer.concat([decipher.update(body.subarray(12, 28)), decipher.final()]));
          } catch {
            throw new WrongPassphraseError('the team passphrase does not open this team folder');
          }
        }
        return null;
      },
    });
    try {
      return await decrypter.decrypt(bytes);
    } catch (error) {
      if (error instanceof WrongPassphraseError) throw error;
      if (!matched && /no identity matched/.test(error instanceof Error ? error.message : '')) {
        throw new WrongPassphraseError('this team folder file is encrypted for something other than a team passphrase');
      }
      throw error;
    }
  }

  return { encrypt, decrypt };
}

export type TeamCrypt = ReturnType<typeof teamCrypt>;

export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}
