import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { aDeclaration, aPrivateConsignee, aShipmentEvent, aStandardItem } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { TestSystem } from '../support/test-system';

/** Debian's chromium package; nothing is downloaded at install time. */
const CHROMIUM = '/usr/bin/chromium';
const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) {
  // Skipped, and said so: the page's API is covered by the admin-api tests either way.
  console.warn(`Dashboard browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

describeWithChromium('the dashboard page (/ui) in a real browser', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  let baseUrl: string;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  const run = randomBytes(3).toString('hex');
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const entryLocation = `X${[...randomBytes(4)].map((b) => letters[b % 26]).join('')}`;
  const route = { originCountry: 'BE', entryLocation, estimatedArrival: '2026-12-01T08:00:00Z' };
  // Vaccines to a private person: CRITICAL, cold chain, INSPECTION_REQUIRED.
  const critical = `SHP-IT-UI-${run}-critical`;
  // Laptops claiming preferential origin without proof: STANDARD, DOCUMENT_CHECK, submitted first.
  const standard = `SHP-IT-UI-${run}-standard`;

  const count = async (status: string) => Number(await page.locator(`#count-${status}`).textContent());

  beforeAll(async () => {
    system = await TestSystem.create('ui-dashboard');
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;

    await system.produce([
      {
        key: standard,
        value: aShipmentEvent(
          'customs.prearrival.submitted',
          aDeclaration({ shipmentId: standard, route, items: [aStandardItem({ preferentialOriginClaimed: true })], documents: [] }),
        ),
      },
    ]);
    expect((await system.waitForStatus(standard, 1)).data.status).toBe('DOCUMENT_CHECK');
    await system.produce([
      {
        key: critical,
        value: aShipmentEvent(
          'customs.prearrival.submitted',
          aDeclaration({ shipmentId: critical, route, parties: { consignee: aPrivateConsignee() } }),
        ),
      },
    ]);
    expect((await system.waitForStatus(critical, 1)).data.status).toBe('INSPECTION_REQUIRED');

    profile = mkdtempSync(join(tmpdir(), 'clearance-ui-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await system?.close();
  });

  it('given an officer, when signed in with an API key, then the CRITICAL shipment tops the worklist; claimed, examined and released, the counts change', async () => {
    const operatorKey = await api.keyFor('operator');
    await page.goto(`${baseUrl}/ui`);
    await page.getByLabel('API key').fill(operatorKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#counts-body tr').first().waitFor();

    await page.getByLabel('Entry location (UN/LOCODE)').fill(entryLocation);
    await page.getByRole('button', { name: 'Show' }).click();
    const rows = page.locator('#worklist-body tr');
    await page.locator('#worklist-body tr[data-shipment-id]').nth(1).waitFor();
    expect(await rows.locator('td.shipment-id').allTextContents()).toEqual([critical, standard]);
    const inspectionBefore = await count('INSPECTION_REQUIRED');
    const releasedBefore = await count('RELEASED');

    await page.getByRole('button', { name: `Claim ${critical}` }).click();
    await page.getByRole('button', { name: `Release claim ${critical}` }).waitFor();
    expect(await rows.first().locator('td.claim').textContent()).toBe('you');

    await page.getByRole('button', { name: `Work on ${critical}` }).click();
    // Released before any examination: the release gate's 409, shown by the form itself with what to do.
    await page.getByLabel('Move to').selectOption('RELEASED');
    await page.getByLabel('Reason (customs only)').fill('Looks fine');
    await page.getByRole('button', { name: 'Decide' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText(/INSPECTION_REQUIRED -> RELEASED needs an examination result/).waitFor();
    expect(await refusal.textContent()).toMatch(/^Decision refused: 409: .*Record an examination above, or tick "Waive the inspection"/);

    await page.getByLabel('Outcome').selectOption('NO_FINDING');
    await page.getByLabel('Findings').fill('Seals intact, vials counted, logger within 2-8 °C');
    await page.getByLabel('Examined at a temperature-controlled facility').check();
    await page.getByRole('button', { name: 'Record examination' }).click();
    await page.getByText(`Examination recorded for ${critical}.`).waitFor();

    await page.getByLabel('Move to').selectOption('RELEASED');
    await page.getByLabel('Reason (customs only)').fill('Examination found nothing');
    await page.getByRole('button', { name: 'Decide' }).click();
    await page.getByText(`${critical} is now RELEASED (version 2).`).waitFor();
    expect(await page.locator('#decision-refusal').isHidden()).toBe(true);

    expect(await count('INSPECTION_REQUIRED')).toBe(inspectionBefore - 1);
    expect(await count('RELEASED')).toBe(releasedBefore + 1);
    expect(await rows.locator('td.shipment-id').allTextContents()).toEqual([standard]);
    expect((await system.waitForStatus(critical, 2)).data.status).toBe('RELEASED');
  });

  it('given a wrong key, when signing in, then it is refused and the workbench stays hidden', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill('not-a-registered-key-0000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/Sign-in refused \(401/).waitFor();
    expect(await page.locator('#workbench').isHidden()).toBe(true);
  });
});
