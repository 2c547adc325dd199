import {
  ErrorCodes,
  ExitNotification,
  InitializeRequest,
  type Message,
  type MessageStrategy,
  type NotificationMessage,
  type RequestMessage,
  ResponseError,
  ShutdownRequest,
} from 'vscode-languageserver/node.js';

/** The method a refused request is turned into, so that its answer is an error from {@link LifecycleGuard.install}. */
const REFUSED_METHOD = 'kb/$refusedByLifecycle';

interface Refusal {
  readonly code: number;
  readonly message: string;
}

/**
 * Holds the server to the LSP lifecycle before any handler sees a message:
 * before `initialize`, a request fails with `ServerNotInitialized` (-32002)
 * and a notification other than `exit` is dropped; a second `initialize`
 * fails with `InvalidRequest`; after `shutdown`, every request fails with
 * `InvalidRequest` and every notification but `exit` is dropped. Responses
 * to the server's own requests always pass.
 */
export class LifecycleGuard {
  private state: 'created' | 'initialized' | 'shut down' = 'created';

  /** Whether `shutdown` was received (an `exit` then ends the process with code 0). */
  get shutDown(): boolean {
    return this.state === 'shut down';
  }

  /** The strategy to give the connection (`ConnectionOptions.messageStrategy`). */
  readonly messageStrategy: MessageStrategy = {
    handleMessage: (message, next) => {
      const forwarded = this.admit(message);
      if (forwarded !== undefined) next(forwarded);
    },
  };

  /** Answers the requests the guard refused; call once the connection exists. */
  install(connection: { onRequest(method: string, handler: (params: Refusal) => ResponseError<void>): unknown }): void {
    connection.onRequest(REFUSED_METHOD, (refusal) => new ResponseError(refusal.code, refusal.message));
  }

  /** The message to dispatch in place of `message`, or `undefined` to drop it. */
  private admit(message: Message): Message | undefined {
    const method = (message as Partial<RequestMessage>).method;
    if (typeof method !== 'string') return message; // A response to one of the server's requests.
    const isRequest = (message as Partial<RequestMessage>).id !== undefined;
    if (!isRequest) return method === ExitNotification.method || this.state === 'initialized' ? message : undefined;
    const request = message as RequestMessage;
    if (this.state === 'created') {
      if (method === InitializeRequest.method) {
        this.state = 'initialized';
        return message;
      }
      return refuse(request, ErrorCodes.ServerNotInitialized, `The server is not initialized: ${method} came before initialize.`);
    }
    if (this.state === 'shut down') return refuse(request, ErrorCodes.InvalidRequest, `The server is shut down: ${method} came after shutdown.`);
    if (method === InitializeRequest.method) return refuse(request, ErrorCodes.InvalidRequest, 'The server is already initialized: initialize may be sent once.');
    if (method === ShutdownRequest.method) this.state = 'shut down';
    return message;
  }
}

function refuse(request: RequestMessage, code: number, message: string): RequestMessage {
  const refusal: Refusal = { code, message };
  return { jsonrpc: request.jsonrpc, id: request.id, method: REFUSED_METHOD, params: refusal } as RequestMessage & NotificationMessage;
}
