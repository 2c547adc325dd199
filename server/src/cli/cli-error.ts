/**
 * A reason the command cannot run at all (bad arguments, no git repository,
 * an unreadable configuration): `main()` prints its message and exits with 2.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
