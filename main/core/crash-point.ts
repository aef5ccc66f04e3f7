// Named moments where a test of kill -9 can stop a real process: with RECERT_CRASH_AT set to a
// point's name, the process sends itself SIGKILL there, exactly as if it had been killed from outside
// (nothing flushed, nothing cleaned up). Unset, a crash point does nothing.
export function crashPoint(name: string): void {
  if (process.env.RECERT_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
