/**
 * `npm run trade-receiver [-- --party ID ...] [--port 4100] [--name NAME]`: a logistics firm's
 * webhook receiver, as a firm outside the customs network would run it. It registers the firm as
 * a subscriber through the admin API (with ADMIN_API_KEY), registers its own URL as a webhook,
 * then verifies each call's signature with `standardwebhooks` (the Standard Webhooks reference
 * implementation) and prints the status of its own shipments. The apps must allow
 * http to loopback (WEBHOOKS_ALLOW_HTTP_LOCALHOST=true), as `npm run demo` starts them.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { loadAppConfigFromProcess } from '@app/config';
import { type ClearanceStatusEvent } from '@app/contract';
import { RESET, STATUS_COLOURS } from '../demo/src/ansi';

/** The trading company most of the demo's ordinary trade is consigned to. */
const DEFAULT_PARTY = 'ID-NIB-8120001234567';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      party: { type: 'string', multiple: true },
      port: { type: 'string', default: '4100' },
      name: { type: 'string', default: 'PT Retail Nusantara (demo receiver)' },
    },
  });
  const partyIds = values.party ?? [DEFAULT_PARTY];
  const config = loadAppConfigFromProcess();
  const adminKey = config.admin.bootstrapApiKey;
  if (!adminKey) throw new Error('ADMIN_API_KEY must be set: the receiver registers itself through the admin API');
  const api = `http://127.0.0.1:${config.admin.port}/api/v1`;
  const call = async <T>(method: string, path: string, body: unknown, key = adminKey): Promise<T> => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  const url = `http://127.0.0.1:${values.port}/webhooks/customs`;
  const subscriber = await call<{ id: string }>('POST', '/subscribers', { name: values.name, partyIds });
  const webhook = await call<{ id: string; secret: string }>('POST', `/subscribers/${subscriber.id}/webhooks`, { url });
  const pullKey = await call<{ key: string }>('POST', '/api-keys', {
    name: `${values.name} pull`,
    role: 'subscriber',
    subscriberId: subscriber.id,
  });
  // What the firm keeps: its secret (to verify) and its key (to pull); the customs side keeps neither in clear but the secret.
  const verifier = new Webhook(webhook.secret);
  const colour = process.stdout.isTTY;
  let verified = 0;
  let refused = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let event: ClearanceStatusEvent;
      try {
        event = verifier.verify(body, request.headers as Record<string, string>) as ClearanceStatusEvent;
      } catch (error) {
        refused += 1;
        console.log(`REFUSED  ${request.headers['webhook-id'] ?? '(no webhook-id)'}: ${(error as Error).message}`);
        response.writeHead(401).end();
        return;
      }
      verified += 1;
      const d = event.data;
      const status = colour ? `${STATUS_COLOURS[d.status] ?? ''}${d.status.padEnd(19)}${RESET}` : d.status.padEnd(19);
      console.log(
        `verified ${d.shipmentId.padEnd(24)} v${String(d.version).padEnd(3)} ${status} ${d.priority.padEnd(9)} ${d.coldChain ? 'cold-chain ' : ''}${d.reasons.map((r) => r.code).join(',')}`,
      );
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
  console.log(
    `Receiving at ${url} for subscriber ${subscriber.id} (party ids ${partyIds.join(', ')}); signatures verified with standardwebhooks.`,
  );
  console.log(`Pull instead: curl -s ${api}/notifications -H "Authorization: Bearer ${pullKey.key}"`);
  console.log(`One shipment:  curl -s ${api}/my/shipments/<shipmentId> -H "Authorization: Bearer ${pullKey.key}"`);
  const stop = () => {
    console.log(`Stopped: ${verified} statuses verified, ${refused} refused.`);
    server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`trade-receiver failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
