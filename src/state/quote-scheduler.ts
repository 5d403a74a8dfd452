// Quotes follow the selection (issue 5, part 2): debounced, and a stale answer never overwrites a
// newer one (each request has its AbortController and a sequence number).
import type { QuoteRequest } from '../api/schemas.ts';
import type { ApiResult } from '../api/types.ts';
import type { Quote } from '../domain/types.ts';
import { settle } from './settle.ts';

export type QuoteFetch = (request: QuoteRequest, signal: AbortSignal) => Promise<ApiResult<Quote>>;

export class QuoteScheduler {
  readonly #fetch: QuoteFetch;
  readonly #onAnswer: (result: ApiResult<Quote>, request: QuoteRequest) => void;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The request waiting for the quiet time to pass. */
  #pending: QuoteRequest | null = null;
  #inFlight: AbortController | null = null;
  #sequence = 0;

  constructor(
    fetch: QuoteFetch,
    onAnswer: (result: ApiResult<Quote>, request: QuoteRequest) => void,
    delayMs: number,
  ) {
    this.#fetch = fetch;
    this.#onAnswer = onAnswer;
    this.#delayMs = delayMs;
  }

  /** Replaces whatever waits or is in flight: `request` is sent after the quiet time. */
  schedule(request: QuoteRequest): void {
    this.cancel();
    this.#pending = request;
    this.#timer = setTimeout(() => this.flush(), this.#delayMs);
  }

  /** Sends the waiting request now (e.g. the buyer reached the summary: no reason to wait). */
  flush(): void {
    clearTimeout(this.#timer);
    const request = this.#pending;
    this.#pending = null;
    if (request) void this.#send(request);
  }

  /** Drops the waiting request and aborts the one in flight; no answer is delivered for them. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#pending = null;
    this.#inFlight?.abort();
    this.#inFlight = null;
    this.#sequence++;
  }

  async #send(request: QuoteRequest): Promise<void> {
    const sequence = ++this.#sequence;
    const controller = new AbortController();
    this.#inFlight = controller;
    const result = await settle(this.#fetch(request, controller.signal));
    if (!result || sequence !== this.#sequence || controller.signal.aborted) return;
    this.#inFlight = null;
    this.#onAnswer(result, request);
  }
}
