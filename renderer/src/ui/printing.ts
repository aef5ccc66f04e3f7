import { useEffect, useRef, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the page is being printed. A virtualized table renders only the rows in view; while this is
 * true it renders every row, so that a printout (Ctrl+P, the browser's Print, a PDF) holds them all.
 */
let printing = false;
const listeners = new Set<() => void>();
/** What a screen must fetch before it can be printed whole (the course log's later pages). */
const preparations = new Set<() => Promise<void>>();

function setPrinting(next: boolean): void {
  if (next === printing) return;
  printing = next;
  // At once: the browser lays the page out for print as soon as its beforeprint listeners return.
  flushSync(() => {
    for (const listener of listeners) listener();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePrinting(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => printing,
    () => false,
  );
}

/** Registers what the screen fetches before Ctrl+P prints it, for as long as the screen is shown. */
export function usePrintPreparation(prepare: () => Promise<void>): void {
  const latest = useRef(prepare);
  useEffect(() => {
    latest.current = prepare;
  });
  useEffect(() => {
    const run = () => latest.current();
    preparations.add(run);
    return () => {
      preparations.delete(run);
    };
  }, []);
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Renders every row, fetches what is missing, waits for it to be on the page, then prints. */
async function printWhole(): Promise<void> {
  setPrinting(true);
  await Promise.all([...preparations].map((prepare) => prepare().catch(() => undefined)));
  // The rows fetched are rendered in the frames that follow.
  await nextFrame();
  await nextFrame();
  window.print();
  // The print dialog has closed (print blocks until then), should afterprint not have said so.
  setPrinting(window.matchMedia('print').matches);
}

function isPrintKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'p';
}

/**
 * Listens for printing: Ctrl+P (Electron has no Print command of its own; in a browser, ours first
 * fetches what a screen lacks), the browser's Print (beforeprint) and print media (a PDF being made).
 */
export function installPrinting(): () => void {
  const media = window.matchMedia('print');
  const onMedia = (event: MediaQueryListEvent) => setPrinting(event.matches);
  const onBefore = () => setPrinting(true);
  const onAfter = () => setPrinting(media.matches);
  const onKey = (event: KeyboardEvent) => {
    if (!isPrintKey(event) || document.querySelector('dialog[open]')) return;
    event.preventDefault();
    void printWhole();
  };
  media.addEventListener('change', onMedia);
  window.addEventListener('beforeprint', onBefore);
  window.addEventListener('afterprint', onAfter);
  window.addEventListener('keydown', onKey);
  return () => {
    media.removeEventListener('change', onMedia);
    window.removeEventListener('beforeprint', onBefore);
    window.removeEventListener('afterprint', onAfter);
    window.removeEventListener('keydown', onKey);
  };
}
