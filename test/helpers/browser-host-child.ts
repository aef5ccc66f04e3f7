import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './context';

export interface HostChild {
  child: ChildProcess;
  /** The URL the host printed, with its token. */
  url: string;
  origin: string;
  token: string;
  /** Everything the host wrote to stdout and stderr so far. */
  output(): string;
  /** Calls a contract method the way the page's bridge does. */
  call(method: string, input: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** The built browser-mode host as a real child process on a data folder; resolves once it prints its URL. */
export async function startHostChild(dataDir: string, env: Record<string, string> = {}): Promise<HostChild> {
  const child = spawn(process.execPath, [join(projectRoot, 'out/main/browser-host.js')], {
    env: { ...process.env, RECERT_DATA_DIR: dataDir, RECERT_PORT: '0', RECERT_BACKUP_DELAY_MS: '600000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}): ${output}`)));
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  return {
    child,
    url,
    origin: parsed.origin,
    token,
    output: () => output,
    async call(method, input) {
      // As the bridge does: a file's content is the body, the rest of the input a header.
      const { contentBase64, ...rest } = (input ?? {}) as { contentBase64?: unknown };
      const upload = typeof contentBase64 === 'string';
      const response = await fetch(`${parsed.origin}/api/${method}`, {
        method: 'POST',
        headers: upload
          ? { 'content-type': 'text/plain', 'x-recert-token': token, 'x-recert-input': encodeURIComponent(JSON.stringify(rest)) }
          : { 'content-type': 'application/json', 'x-recert-token': token },
        body: upload ? contentBase64 : JSON.stringify({ input }),
      });
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
