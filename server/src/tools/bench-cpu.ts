import { promises as fs } from 'node:fs';

/**
 * User + system CPU time (ms) of this process's waited-for children and
 * their own waited-for children (workers), from /proc/self/stat (cutime,
 * cstime, in clock ticks of 10 ms); NaN where there is no /proc.
 */
export async function childrenCpuMs(): Promise<number> {
  const stat = await fs.readFile('/proc/self/stat', 'utf8').catch(() => undefined);
  // Fields after the command name (which may hold spaces) start at field 3; cutime and cstime are fields 16 and 17.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields === undefined) return Number.NaN;
  return (Number(fields[13]) + Number(fields[14])) * 10;
}
