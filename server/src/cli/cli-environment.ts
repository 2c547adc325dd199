import type { KbFileSystem } from '../core/index.js';

/** An output stream as the CLI uses it: Node's `process.stdout` or a test double. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything the CLI takes from its process, injected so tests run it in-process. */
export interface CliEnvironment {
  /** Arguments after the script name. */
  readonly argv: readonly string[];
  /** The working folder (native path): relative paths in arguments and output are relative to it. */
  readonly cwd: string;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder of the KB bundled with the tool (its glossary, remediations, causes...). */
  readonly bundledRoot?: string;
  /** How the engine reads KB files; the real file system when absent. */
  readonly fs?: KbFileSystem;
  /** The current date, for date rules; the clock when absent. */
  readonly today?: () => Date;
}
