// Passphrase protection for backups and records bundles: the age format (age-encryption.org/v1) with
// a scrypt passphrase recipient, through the age-encryption package — never a cipher of our own (the
// stanza's scrypt runs in Node's crypto, see scrypt-stanza.ts). The
// package streams: the payload is cut into 64 KiB chunks, each authenticated on its own (ChaCha20-
// Poly1305), so a file of any size passes with bounded memory: scrypt's work factor 18 takes 256 MiB
// once per file (r = 8, N = 2^18), then only the chunks in flight (a 1 MiB read, a 1 MiB write).
// A file made here opens with `age -d`, and one made by `age -p` opens here.
//
// A decrypted stream hands out plaintext before the file's end is authenticated; callers therefore
// always write it to a temporary file and use it only once the stream has finished without error.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { scryptIdentity, scryptRecipient } from './scrypt-stanza';

/** The first line of every age file: how an encrypted backup or bundle is recognised, by content. */
export const AGE_HEADER = 'age-encryption.org/v1\n';

export type EncryptionProblem = 'no-passphrase' | 'wrong-passphrase' | 'damaged';

export class EncryptionError extends Error {
  constructor(
    readonly problem: EncryptionProblem,
    message: string,
  ) {
    super(message);
    this.name = 'EncryptionError';
  }
}

/** Whether the file starts as an age file does (reads its first 22 bytes). */
export function isEncrypted(path: string): boolean {
  // Opening a FIFO or a device to peek at it would block or never end: only a regular file is looked
  // into; anything else is not encrypted, and the reader that follows refuses it in words.
  if (!statSync(path).isFile()) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(AGE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.toString('latin1') === AGE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** The package is ES modules only; loaded when first needed, so the CLI's other commands do not pay for it. */
const age = () => import('age-encryption');

const READ_CHUNK = 1024 * 1024;

/** The file as a web stream of 1 MiB chunks, read when the consumer asks for more. */
export function fileStream(handle: FileHandle): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buffer = Buffer.allocUnsafe(READ_CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) controller.close();
      else controller.enqueue(buffer.subarray(0, bytesRead));
    },
  });
}

/**
 * Writes the stream to `out` (an open, empty file) in writes of about 1 MiB, hashing what is written;
 * the age chunks are 64 KiB, and one write each would be 16 times as many system calls.
 */
export async function drain(stream: ReadableStream<Uint8Array>, out: FileHandle): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let size = 0;
  const flush = async () => {
    const bytes = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    for (let written = 0; written < bytes.length;) written += (await out.write(bytes, written, bytes.length - written)).bytesWritten;
  };
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= READ_CHUNK) await flush();
  }
  if (pendingBytes > 0) await flush();
  return { sha256: hash.digest('hex'), size };
}

/**
 * Encrypts `from` into `out` (an open, empty file the caller names, syncs and renames); answers the
 * SHA-256 and size of what was written, for the caller to check against a read-back.
 */
export async function encryptInto(from: string, out: FileHandle, passphrase: string): Promise<{ sha256: string; size: number }> {
  if (passphrase.length === 0) throw new EncryptionError('no-passphrase', 'a passphrase is needed to encrypt');
  const { Encrypter, Stanza } = await age();
  const encrypter = new Encrypter();
  encrypter.addRecipient(scryptRecipient(Stanza, passphrase));
  const source = await open(from, 'r');
  try {
    return await drain(await encrypter.encrypt(fileStream(source)), out);
  } finally {
    await source.close();
  }
}

/** Why the package refused a file, in words for the person (its own messages are for developers). */
function decryptionProblem(error: unknown, fileName: string): EncryptionError {
  const message = error instanceof Error ? error.message : String(error);
  if (/no identity matched/.test(message))
    return new EncryptionError(
      'wrong-passphrase',
      `${fileName} could not be opened with this passphrase: check it (capitals, spaces) and try again. Nothing was changed.`,
    );
  return new EncryptionError(
    'damaged',
    `${fileName} is encrypted but damaged or incomplete (${message}); it cannot be opened. Nothing was changed; use another copy.`,
  );
}

/**
 * Decrypts `from` into `out` (an open, empty temporary file). Throws EncryptionError for a wrong
 * passphrase or a damaged, truncated or tampered file; `out` then holds an unauthenticated part and
 * must be removed by the caller.
 */
export async function decryptInto(
  from: string,
  out: FileHandle,
  passphrase: string | null,
  fileName: string,
): Promise<{ sha256: string; size: number }> {
  if (!passphrase) throw new EncryptionError('no-passphrase', `${fileName} is protected with a passphrase: give it to open the file.`);
  const { Decrypter } = await age();
  const decrypter = new Decrypter();
  decrypter.addIdentity(scryptIdentity(passphrase));
  const source = await open(from, 'r');
  try {
    let plain: ReadableStream<Uint8Array>;
    try {
      plain = await decrypter.decrypt(fileStream(source));
    } catch (error) {
      throw decryptionProblem(error, fileName);
    }
    try {
      return await drain(plain, out);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
      throw decryptionProblem(error, fileName);
    }
  } finally {
    await source.close();
  }
}
