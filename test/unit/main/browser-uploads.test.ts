// Browser mode reads at most two uploaded files at once, each streamed to disk in the data folder:
// eight bundles of 75 MB sent together to a real child host are saved two at a time (the others wait
// unread), and its peak memory stays far below what holding them all took (gigabytes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostChild, type HostChild } from '../../helpers/browser-host-child';
import { tempDir } from '../../helpers/context';

let host: HostChild;
const data = join(tempDir('recert-uploads-'), 'data');
beforeAll(async () => {
  host = await startHostChild(data);
});
afterAll(() => host.stop());

const peakMegabytes = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${host.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

describe('uploads', () => {
  it.runIf(process.platform === 'linux')('eight large uploads at once are read two at a time', async () => {
    // 100 MB of base64 text: a file of 75 MB, which is not a records file (so each is refused quickly).
    const body = 'A'.repeat(100 * 1024 * 1024);
    const before = peakMegabytes();
    // How many uploads are being saved at each moment: their files in the data folder.
    let most = 0;
    const watch = setInterval(() => {
      most = Math.max(most, readdirSync(data).filter((name) => name.startsWith('.upload-')).length);
    }, 2);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`${host.origin}/api/previewRecordsImport`, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain',
            'x-recert-token': host.token,
            'x-recert-input': encodeURIComponent(JSON.stringify({ fileName: `gym ${i}.recert` })),
          },
          body,
        }).then((response) => response.json() as Promise<{ ok: boolean; error?: { message: string } }>),
      ),
    );
    clearInterval(watch);
    expect(most).toBe(2);
    expect(readdirSync(data).filter((name) => name.startsWith('.upload-'))).toEqual([]);
    for (const [i, answer] of answers.entries())
      expect(answer.error?.message).toMatch(new RegExp(`^contentBase64: gym ${i}\\.recert cannot be imported`));
    const growth = peakMegabytes() - before;
    // Two at a time cost about 700 MB here (each one's text, its bytes, the file read back).
    expect(growth).toBeLessThan(1500);
  });
});
