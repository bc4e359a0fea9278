/**
 * `npm run watch-status [-- --party ID] [--shipment ID] [--from-beginning]`: follows the
 * clearance status topic as a logistics firm would and prints one line per status change.
 * --party matches the id of the consignor, consignee, declarant or carrier (case-insensitive),
 * read from the `party-ids` header of each status record.
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadAppConfigFromProcess } from '@app/config';
import { type ClearanceStatusEvent } from '@app/contract';
import { createKafkaClient, PARTY_IDS_HEADER, type PartyRef } from '@app/messaging';
import { RESET, STATUS_COLOURS } from '../demo/src/ansi';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      party: { type: 'string' },
      shipment: { type: 'string' },
      'from-beginning': { type: 'boolean', default: false },
    },
  });
  const party = values.party?.toLowerCase();
  const config = loadAppConfigFromProcess();
  const kafka = createKafkaClient(config.kafka, 'watch-status');
  // A group of its own: watching never takes records from another subscriber.
  const consumer = kafka.consumer({ groupId: `watch-status-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic: config.topics.clearanceStatus, fromBeginning: values['from-beginning'] });
  const colour = process.stdout.isTTY;
  console.log(`Watching ${config.topics.clearanceStatus}${party ? ` for party "${values.party}"` : ''} (Ctrl-C stops)`);
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      const event = JSON.parse(message.value.toString()) as ClearanceStatusEvent;
      const d = event.data;
      if (values.shipment && d.shipmentId !== values.shipment) return;
      if (party) {
        const ids = JSON.parse(message.headers?.[PARTY_IDS_HEADER]?.toString() ?? '[]') as PartyRef[];
        if (!ids.some((p) => p.id.toLowerCase() === party)) return;
      }
      const status = colour ? `${STATUS_COLOURS[d.status] ?? ''}${d.status.padEnd(19)}${RESET}` : d.status.padEnd(19);
      const reasons = d.reasons.map((r) => r.code).join(',');
      console.log(
        `${d.decidedAt}  ${d.shipmentId.padEnd(24)} v${String(d.version).padEnd(3)} ${status} ${d.priority.padEnd(9)} ${d.coldChain ? 'cold-chain ' : ''}${d.decidedBy}  ${reasons}`,
      );
    },
  });
  const stop = async () => {
    await consumer.disconnect();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(`watch-status failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
