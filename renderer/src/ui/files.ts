/**
 * Bytes read and encoded at a time: a multiple of 3, so that each part's base64 has no padding and
 * the parts join into the base64 of the whole file.
 */
const PART = 3 * 64 * 1024;

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes its arguments on the stack: a few thousand at a time.
  for (let at = 0; at < bytes.length; at += 8192) binary += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return btoa(binary);
}

/**
 * The file's bytes as base64 (the contract's transport for certificate files). Read and encoded part
 * by part, each after the page has had its turn: a phone photo encoded whole (as a data URL is) held
 * the page still for a long task while a stack of photos was read.
 */
export async function readAsBase64(file: File): Promise<string> {
  const parts: string[] = [];
  for (let at = 0; at < file.size; at += PART) parts.push(base64Of(new Uint8Array(await file.slice(at, at + PART).arrayBuffer())));
  return parts.join('');
}
