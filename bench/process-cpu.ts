/**
 * @module bench/process-cpu
 * The CPU a bench's server process has used, from /proc (Linux): what an answer costs whatever else
 * runs on this shared machine, where latencies mostly measure the other sessions' load.
 */
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far; NaN where /proc cannot tell. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
