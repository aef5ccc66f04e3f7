// How `npm start` explains a download it cannot make: Electron's runtime and headers come from the
// internet on first start, and a machine without it should get two plain lines, not a stack trace.

/** Symptoms of a download that could not reach its server, in npm, node-gyp and @electron/get output. */
const OFFLINE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|network|RequestError|fetch failed/i;

export function looksOffline(output) {
  return OFFLINE.test(output);
}

/** The two lines a person reads when `what` (the Electron runtime, its headers) cannot be fetched. */
export function offlineMessage(what) {
  return [
    `Recert's desktop window needs ${what}, which is downloaded on first start, and it could not be downloaded (no internet?).`,
    'Use browser mode instead — the same app in your browser, nothing to download: npm run browser',
  ].join('\n');
}

/** The last line that says something, for a failure that is not about the network. */
export function lastLine(output) {
  return (
    output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('at ') && !/^(gyp|npm) (info|verb)/.test(line))
      .pop() ?? 'no output'
  );
}
