import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** What the OS says about one process id (Linux /proc, `ps` elsewhere). */
export interface ProcessInfo {
  /** Running (a zombie counts as gone). */
  alive: boolean;
  ppid?: number;
  /** Command line, arguments joined by spaces. */
  command?: string;
}

export function inspectProcess(pid: number): ProcessInfo {
  if (!Number.isInteger(pid) || pid <= 0) return { alive: false };
  if (existsSync('/proc/self/stat')) return inspectWithProc(pid);
  return inspectWithPs(pid);
}

export function isAlive(pid: number): boolean {
  return inspectProcess(pid).alive;
}

function inspectWithProc(pid: number): ProcessInfo {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return { alive: false };
  }
  // "pid (comm) state ppid ..." - comm may contain spaces and parentheses: split after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = rest[0];
  const ppid = Number(rest[1]);
  if (state === 'Z' || state === 'X') return { alive: false, ppid };
  let command: string | undefined;
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    command = undefined;
  }
  return { alive: true, ppid, command };
}

function inspectWithPs(pid: number): ProcessInfo {
  try {
    const out = execFileSync('ps', ['-o', 'stat=,ppid=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    if (!out) return { alive: false };
    const match = /^(\S+)\s+(\d+)\s+(.*)$/.exec(out);
    if (!match) return { alive: true };
    if (match[1].startsWith('Z')) return { alive: false, ppid: Number(match[2]) };
    return { alive: true, ppid: Number(match[2]), command: match[3] };
  } catch {
    return { alive: false };
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the process is gone (or a zombie); false when it is still there after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(25);
  }
  return !isAlive(pid);
}
