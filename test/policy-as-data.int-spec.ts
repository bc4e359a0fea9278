import { randomBytes, randomUUID } from 'node:crypto';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { DEFAULT_RULESET_DOCUMENT } from '@app/policy';
import { aStandardDeclaration, unsampledShipmentId } from './support/test-data';
import { TestSystem } from './support/test-system';

describe('the policy is data in PostgreSQL, read by the running engine', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.create('policy');
    await system.startEngine();
    await system.startPublisher();
  });

  afterAll(async () => {
    try {
      // Leave the shared run database as the other suites expect it.
      const db = await system.db();
      await db.query('DELETE FROM watchlist_entries');
      await activate(1);
      await db.query('DELETE FROM rulesets WHERE version > 1');
    } finally {
      await system?.close();
    }
  });

  /** At most one ruleset is active (a unique index): switch in one transaction. */
  async function activate(version: number): Promise<void> {
    const db = await system.db();
    await db.transaction(async (tx) => {
      await tx.query('UPDATE rulesets SET active = false WHERE active');
      await tx.query('UPDATE rulesets SET active = true, activated_at = now() WHERE version = $1', [version]);
    });
  }

  it('given a watchlist entry on a consignee, when a matching declaration arrives, then HELD, with the entry reason recorded for customs only', async () => {
    const db = await system.db();
    await db.query(
      `INSERT INTO watchlist_entries (id, kind, value, reason, author, expires_at, created_at)
       VALUES ($1, 'PARTY', 'Ministry of Health of the Republic of Indonesia', 'RILO alert 2026/17: diverted vaccine lots', 'analyst-1', NULL, now())`,
      [randomUUID()],
    );
    const shipmentId = `SHP-WL-${randomBytes(3).toString('hex')}`;
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) }]);

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.data.status).toBe('HELD');
    expect(status.data.reasons.map((r) => r.code)).toContain('CUSTOMS_CONTROL');
    expect(JSON.stringify(status)).not.toContain('RILO alert 2026/17');
    const [decision] = await db.query('SELECT reasons FROM decisions WHERE shipment_id = $1 AND version = 1', [shipmentId]);
    const watchlistReason = (decision.reasons as { code: string; message: string }[]).find((r) => r.code === 'WATCHLIST_MATCH');
    expect(watchlistReason?.message).toContain('RILO alert 2026/17');
    await db.query('DELETE FROM watchlist_entries');
  });

  it('given version 2 with a sampling rate of 1 activated, when a STANDARD declaration arrives, then it is sampled under version 2; rolled back, version 1 applies again', async () => {
    const db = await system.db();
    const everything = structuredClone(DEFAULT_RULESET_DOCUMENT);
    everything.rules.find((r) => r.kind === 'RANDOM_SAMPLING')!.params.rate = 1;
    await db.query(`INSERT INTO rulesets (version, document, active, created_by, created_at) VALUES (2, $1, false, 'it', now())`, [
      JSON.stringify(everything),
    ]);
    await activate(2);

    const sampled = unsampledShipmentId('SHP-RS-B');
    await system.produce([{ key: sampled, value: aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(sampled)) }]);
    const underV2 = await system.waitForStatus(sampled, 1);
    expect(underV2.data).toMatchObject({ status: 'DOCUMENT_CHECK', priority: 'STANDARD', rulesetVersion: 2 });
    expect(underV2.data.reasons.map((r) => r.code)).toContain('RANDOM_COMPLIANCE_SAMPLE');

    await activate(1);
    const notSampled = unsampledShipmentId('SHP-RS-C');
    await system.produce([{ key: notSampled, value: aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(notSampled)) }]);
    const underV1 = await system.waitForStatus(notSampled, 1);
    expect(underV1.data).toMatchObject({ status: 'PRE_CLEARED', priority: 'STANDARD', rulesetVersion: 1 });
  });
});
