// The passphrase stanza whose scrypt runs in Node's crypto: files it writes are standard age files
// (the age-encryption package and the age command open them with the passphrase), files they write
// open here, and a wrong passphrase or a hostile stanza is refused as the package refuses them.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptInto, encryptInto, EncryptionError } from '../../../main/core/backup/encryption';
import { projectRoot, tempDir } from '../../helpers/context';

const PASSPHRASE = 'tall oak, quiet river, 1987';
let dir: string;
let plain: Buffer;
let plainFile: string;

async function encryptHere(out: string, passphrase = PASSPHRASE): Promise<void> {
  const handle = await open(out, 'wx');
  try {
    await encryptInto(plainFile, handle, passphrase);
  } finally {
    await handle.close();
  }
}

async function decryptHere(from: string, passphrase: string): Promise<Buffer> {
  const out = join(dir, `out-${randomBytes(4).toString('hex')}`);
  const handle = await open(out, 'wx');
  try {
    await decryptInto(from, handle, passphrase, 'backup.zip.age');
  } finally {
    await handle.close();
  }
  return readFileSync(out);
}

const hasAge = spawnSync('age', ['--version']).status === 0;
function ageCommand(...args: string[]) {
  return spawnSync('python3', [join(projectRoot, 'test/helpers/age-tty.py'), PASSPHRASE, ...args], { encoding: 'utf8' });
}

beforeAll(() => {
  dir = tempDir('recert-scrypt-stanza-');
  // More than one 64 KiB payload chunk, and not a whole number of them.
  plain = randomBytes(200_000);
  plainFile = join(dir, 'plain.zip');
  writeFileSync(plainFile, plain);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the scrypt passphrase stanza', () => {
  it('writes a standard age passphrase file: one scrypt stanza at work factor 18, opened by the package', async () => {
    const file = join(dir, 'here.age');
    await encryptHere(file);
    const header = readFileSync(file).toString('latin1').split('\n');
    expect(header[0]).toBe('age-encryption.org/v1');
    expect(header[1]).toMatch(/^-> scrypt [A-Za-z0-9+/]{22} 18$/);
    const decrypter = new Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    expect(Buffer.from(await decrypter.decrypt(readFileSync(file)))).toEqual(plain);
  });

  it("opens the package's own passphrase files", async () => {
    const encrypter = new Encrypter();
    encrypter.setPassphrase(PASSPHRASE);
    const file = join(dir, 'by-package.age');
    writeFileSync(file, await encrypter.encrypt(plain));
    expect(await decryptHere(file, PASSPHRASE)).toEqual(plain);
  });

  it.runIf(hasAge)('and the age command: age -d opens a file made here, a file made by age -p opens here', async () => {
    const here = join(dir, 'for-age.age');
    await encryptHere(here);
    const opened = join(dir, 'opened-by-age');
    const decrypted = ageCommand('-d', '-o', opened, here);
    expect(decrypted.status, decrypted.stderr).toBe(0);
    expect(readFileSync(opened)).toEqual(plain);

    const byAge = join(dir, 'by-age.age');
    const encrypted = ageCommand('-p', '-o', byAge, plainFile);
    expect(encrypted.status, encrypted.stderr).toBe(0);
    expect(await decryptHere(byAge, PASSPHRASE)).toEqual(plain);
  });

  it('refuses a wrong passphrase as such, and a stanza asking for more work than allowed as damaged', async () => {
    const file = join(dir, 'wrong.age');
    await encryptHere(file);
    await expect(decryptHere(file, 'not the passphrase')).rejects.toMatchObject({ problem: 'wrong-passphrase' });

    const text = readFileSync(file);
    const line = text.indexOf(Buffer.from(' 18\n'));
    const greedy = Buffer.concat([text.subarray(0, line), Buffer.from(' 30\n'), text.subarray(line + 4)]);
    const hostile = join(dir, 'greedy.age');
    writeFileSync(hostile, greedy);
    const refused = decryptHere(hostile, PASSPHRASE);
    await expect(refused).rejects.toBeInstanceOf(EncryptionError);
    await expect(refused).rejects.toMatchObject({ problem: 'damaged' });
    await expect(refused).rejects.toThrow(/work factor is too high/);
  });
});
