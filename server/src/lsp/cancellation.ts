import { type CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Wraps a request handler so that a request the client cancelled before its
 * answer was ready fails with `RequestCancelled`, as the protocol asks. An
 * answer computed for a cancelled request may be partial (a held workspace
 * report ends empty), and a client must not take it for the current state.
 */
export function cancellable<P, R>(handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    const result = await handler(params, token);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    return result;
  };
}
