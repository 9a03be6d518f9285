/**
 * What a process has cost so far, read from /proc (Linux only): CPU time (user + system, the
 * `utime` and `stime` of /proc/<pid>/stat) and resident memory; and which processes a runner
 * started. A phase's CPU per operation is the difference of two readings over its operations.
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU time the process has used, in milliseconds (0 once it is gone). */
export function cpuMs(pid: number): number {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

interface ProcessRow {
  pid: number;
  ppid: number;
  command: string;
}

function table(): ProcessRow[] {
  return execSync('ps -e -o pid=,ppid=,comm=')
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, command]) => ({ pid: Number(pid), ppid: Number(ppid), command: command ?? '' }));
}

/** Every process started by `root`, at any depth, with its command name. */
export function descendants(root: number): ProcessRow[] {
  const rows = table();
  const family = new Set([root]);
  const found: ProcessRow[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (family.has(row.ppid) && !family.has(row.pid)) {
        family.add(row.pid);
        found.push(row);
        grew = true;
      }
    }
  }
  return found;
}

/** The process listening on a TCP port of this machine, found through its socket's inode. */
export function listenerOf(port: number, candidates: number[]): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // Column 2 is local address:port, 4 the state (0A = LISTEN), 10 the inode.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  return candidates.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' });
        return inodes.has(/^socket:\[(\d+)\]$/.exec(link)?.[1] ?? '');
      });
    } catch {
      return false;
    }
  });
}

/** CPU readings of named processes, so a phase can be measured as `after - before`. */
export type CpuReading = Record<string, number>;

export function readCpu(processes: Record<string, number>): CpuReading {
  return Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMs(pid)]));
}

export function cpuSince(before: CpuReading, processes: Record<string, number>): CpuReading {
  const now = readCpu(processes);
  return Object.fromEntries(Object.entries(now).map(([name, ms]) => [name, ms - (before[name] ?? 0)]));
}

/** Runs a phase and returns what it cost each process in CPU. */
export async function withCpu<T>(processes: Record<string, number>, run: () => Promise<T>): Promise<[T, CpuReading]> {
  const before = readCpu(processes);
  const value = await run();
  return [value, cpuSince(before, processes)];
}

/**
 * Waits until the processes are nearly idle (under 2% of a core for half a second, or 15 s at
 * most), so a phase's CPU is not the previous phase's tail: sockets closing, chats whose outbox is
 * copied to D1 a moment after the last change.
 */
export async function quietCpu(processes: Record<string, number>): Promise<void> {
  const windowMs = 500;
  for (let waited = 0; waited < 15_000; waited += windowMs) {
    const before = readCpu(processes);
    await new Promise((r) => setTimeout(r, windowMs));
    const used = Object.values(cpuSince(before, processes)).reduce((n, ms) => n + ms, 0);
    if (used <= windowMs * 0.02) return;
  }
}
