// age's passphrase recipient (the "scrypt" stanza of age-encryption.org/v1), with the scrypt work
// done by Node's own crypto instead of the age-encryption package's JavaScript: the same stanza, the
// same work factor as the `age -p` command, byte for byte what the package writes and reads (tests
// read each other's files, and the age command's). The package still does everything else (header,
// MAC, the payload's STREAM chunks); only the key derivation moves, because the package's scrypt is
// the largest part of every encrypted backup's time, and Node's runs off the main thread.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { Identity, Recipient, Stanza } from 'age-encryption';

const LABEL = 'age-encryption.org/v1/scrypt';
/** age's default for encryption (the age command's and the package's): N = 2^18. */
export const SCRYPT_WORK_FACTOR = 18;
/** The highest work factor accepted when decrypting (as the package): a hostile file cannot ask for more. */
const MAX_WORK_FACTOR = 20;
const KEY_BYTES = 32;
const FILE_KEY_BYTES = 16;
const TAG_BYTES = 16;

type StanzaClass = new (args: string[], body: Uint8Array) => Stanza;

function deriveKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  const r = 8;
  return new Promise((resolve, reject) => {
    // scrypt needs 128 × N × r bytes; Node refuses above maxmem (32 MiB by default).
    scrypt(passphrase, Buffer.concat([Buffer.from(LABEL), salt]), KEY_BYTES, { N, r, p: 1, maxmem: 129 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** ChaCha20-Poly1305 with the all-zero nonce: each wrapping key is used once (a fresh salt per file). */
function seal(key: Buffer, fileKey: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: TAG_BYTES });
  return Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Buffer, body: Uint8Array): Uint8Array | null {
  const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(Buffer.from(body.subarray(FILE_KEY_BYTES)));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, FILE_KEY_BYTES)), decipher.final()]));
  } catch {
    return null; // another passphrase
  }
}

const base64NoPadding = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

/** The recipient to add to an Encrypter in place of `setPassphrase`. */
export function scryptRecipient(StanzaOf: StanzaClass, passphrase: string, logN = SCRYPT_WORK_FACTOR): Recipient {
  return {
    async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
      const salt = randomBytes(16);
      const key = await deriveKey(passphrase, salt, logN);
      return [new StanzaOf(['scrypt', base64NoPadding(salt), String(logN)], seal(key, fileKey))];
    },
  };
}

/** The identity to add to a Decrypter in place of `addPassphrase`; its checks are the package's. */
export function scryptIdentity(passphrase: string): Identity {
  return {
    async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
      for (const stanza of stanzas) {
        if (stanza.args[0] !== 'scrypt') continue;
        if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
        const [, saltText, logNText] = stanza.args;
        if (stanza.args.length !== 3 || !saltText || !logNText || !/^[1-9][0-9]*$/.test(logNText)) throw new Error('invalid scrypt stanza');
        if (!/^[A-Za-z0-9+/]+$/.test(saltText)) throw new Error('invalid scrypt stanza');
        const salt = Buffer.from(saltText, 'base64');
        if (salt.length !== 16 || base64NoPadding(salt) !== saltText) throw new Error('invalid scrypt stanza');
        const logN = Number(logNText);
        if (logN > MAX_WORK_FACTOR) throw new Error('scrypt work factor is too high');
        if (stanza.body.length !== FILE_KEY_BYTES + TAG_BYTES) throw new Error('invalid stanza');
        const fileKey = open(await deriveKey(passphrase, salt, logN), stanza.body);
        if (fileKey) return fileKey;
      }
      return null;
    },
  };
}
