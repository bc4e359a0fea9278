import { Injectable } from '@nestjs/common';
import { lookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppConfig } from '@app/config';
import { STATUS_CONTENT_TYPE } from '@app/messaging';
import { addressProblem, endpointUrlProblem, type EndpointPolicy, type WebhookHeaders } from '@app/webhooks';

/** The answer to one call: `aborted` means this worker is stopping (the message is sent again later, not counted as a failure). */
export interface CallResult {
  outcome: 'delivered' | 'failed' | 'timeout' | 'refused' | 'aborted';
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Characters of an endpoint's answer kept to show operators why it failed. */
const ANSWER_SHOWN = 300;

class RefusedAddress extends Error {}

/**
 * Resolves a host name as the connection would and refuses it when any address it resolves to is
 * one the policy does not allow, so the check and the connection see the same addresses (no DNS
 * rebinding between them).
 */
function guardedLookup(policy: EndpointPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.map((a) => addressProblem(a.address, policy)).find((problem) => problem !== null);
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused}`), '', 0);
      if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

/** POSTs one signed message to an endpoint: https (or http to loopback when allowed), no redirects followed, bounded in time. */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: AppConfig) {}

  post(url: string, signature: WebhookHeaders, body: string, stop: AbortSignal): Promise<CallResult> {
    const started = Date.now();
    const policy = this.config.tradeDelivery;
    const done = (outcome: CallResult['outcome'], statusCode: number | null, error: string | null): CallResult => ({
      outcome,
      statusCode,
      error,
      durationMs: Date.now() - started,
    });
    // The policy may have changed since the endpoint was registered (e.g. WEBHOOKS_ALLOW_HTTP_LOCALHOST turned off).
    const problem = endpointUrlProblem(url, policy);
    if (problem) return Promise.resolve(done('refused', null, problem));
    if (stop.aborted) return Promise.resolve(done('aborted', null, null));

    const target = new URL(url);
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signal = AbortSignal.any([stop, timeout]);
    const payload = Buffer.from(body, 'utf8');
    const client = target.protocol === 'https:' ? https : http;
    return new Promise<CallResult>((resolve) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          signal,
          // IP literals never go through lookup; endpointUrlProblem has checked them.
          lookup: isIP(target.hostname.replace(/^\[(.*)\]$/, '$1')) ? undefined : guardedLookup(policy),
          headers: {
            'content-type': STATUS_CONTENT_TYPE,
            'content-length': String(payload.length),
            'user-agent': 'priority-clearance-webhooks/1',
            ...signature,
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          let answer = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (answer.length < ANSWER_SHOWN) answer += chunk.slice(0, ANSWER_SHOWN - answer.length);
          });
          response.on('end', () =>
            resolve(
              status >= 200 && status < 300
                ? done('delivered', status, null)
                : done('failed', status, `HTTP ${status}: ${printable(answer)}`),
            ),
          );
          response.on('error', (error) => resolve(this.failure(error, stop, timeout, done, status)));
        },
      );
      request.on('error', (error) => resolve(this.failure(error, stop, timeout, done, null)));
      request.end(payload);
    });
  }

  private failure(
    error: Error,
    stop: AbortSignal,
    timeout: AbortSignal,
    done: (outcome: CallResult['outcome'], statusCode: number | null, error: string | null) => CallResult,
    statusCode: number | null,
  ): CallResult {
    if (stop.aborted) return done('aborted', statusCode, null);
    if (timeout.aborted) return done('timeout', statusCode, `No answer within ${this.config.tradeDelivery.timeoutMs} ms`);
    if (error instanceof RefusedAddress) return done('refused', statusCode, error.message);
    return done('failed', statusCode, printable(error.message).slice(0, ANSWER_SHOWN));
  }
}
