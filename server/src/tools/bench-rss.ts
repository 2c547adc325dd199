import { promises as fs } from 'node:fs';

/**
 * Peak resident memory of a measured process and of the processes it forked,
 * as `bench/max-rss.cjs` reports them: one line per process,
 * "pid parent-pid bytes". Peaks of processes running at the same time do not
 * necessarily coincide, so `sum` is an upper bound of their combined peak.
 */
export interface PeakRss {
  /** Peak of the measured process itself (bytes). */
  readonly main: number;
  /** How many processes reported (the measured one and its workers). */
  readonly processes: number;
  /** The highest peak of any one process. */
  readonly max: number;
  /** The sum of every process's peak. */
  readonly sum: number;
}

/** Reads (and does not delete) the report file of the process `pid` and its descendants. */
export async function readPeakRss(file: string, pid: number | undefined): Promise<PeakRss> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const reports = text.split('\n').flatMap((line) => {
    const [processId, , bytes] = line.trim().split(' ').map(Number);
    return processId === undefined || bytes === undefined || Number.isNaN(bytes) ? [] : [{ pid: processId, bytes }];
  });
  const peaks = reports.map((report) => report.bytes);
  return {
    main: reports.find((report) => report.pid === pid)?.bytes ?? 0,
    processes: reports.length,
    max: peaks.length === 0 ? 0 : Math.max(...peaks),
    sum: peaks.reduce((total, bytes) => total + bytes, 0),
  };
}
