import type { OutputStream } from './cli-environment.js';

/** More files than this and a terminal shows a progress bar while they are checked. */
export const PROGRESS_THRESHOLD = 200;

const WIDTH = 30;

/**
 * A one-line progress bar on a terminal's standard error, redrawn only when
 * the percentage changes, so it costs nothing on large KBs.
 */
export class ProgressBar {
  private shown = -1;

  constructor(
    private readonly stream: OutputStream,
    private readonly label: string,
    private readonly total: number,
  ) {}

  /** Shows that `done` of the total are finished. */
  update(done: number): void {
    const percent = this.total === 0 ? 100 : Math.floor((done * 100) / this.total);
    if (percent === this.shown) return;
    this.shown = percent;
    const filled = Math.round((percent * WIDTH) / 100);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${this.total} files`);
  }

  /** Erases the bar, leaving the line for the report. */
  clear(): void {
    if (this.shown !== -1) this.stream.write('\r\u001b[2K');
  }
}

/**
 * A progress bar for checking `total` files, or `undefined` when none should
 * show: few files, standard error not a terminal, or a CI run (`CI` set).
 */
export function progressBarFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>, label: string, total: number): ProgressBar | undefined {
  return total > PROGRESS_THRESHOLD && stream.isTTY === true && env.CI === undefined ? new ProgressBar(stream, label, total) : undefined;
}
