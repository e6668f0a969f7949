import { chromium, type Browser } from 'playwright-core';
import {
  bearer,
  graphql,
  migratedDatabase,
  signUpOwner,
  startApi,
  testEnv,
  type RunningApi,
  type TestDatabase,
} from '@app/testing';

// Debian's Chromium (tools/browser.sh installs it); no browser download.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('GraphQL IDE page in a real browser, with the network closed', () => {
  let api: RunningApi;
  let browser: Browser;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser.close();
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('renders GraphiQL from local assets and runs { __typename }', async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    // Only the API's own origin is reachable, as on a machine with no internet.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(api.url)) return route.continue();
      offsite.push(url);
      return route.abort('internetdisconnected');
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    await page.goto(`${api.url}/graphql`);
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('{ __typename }');
    await page.locator('.graphiql-execute-button').click();

    // Locator waits run outside the page's scripts (the page's CSP forbids eval, as it should).
    await page.locator('.graphiql-response').filter({ hasText: '"Query"' }).waitFor({ timeout: 15_000 });
    const answer = await page.locator('.graphiql-response').innerText();
    expect(answer).toContain('"__typename": "Query"');
    await page.screenshot({ path: 'tmp/graphiql.png' });
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('runs a subscription over graphql-ws with the Authorization of its headers editor, and shows the event', async () => {
    const owner = await signUpOwner(api.url, 'IDE Inc');
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url().startsWith(api.url) ? route.continue() : route.abort('internetdisconnected'),
    );
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${api.url}/graphql`);
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.waitFor({ timeout: 20_000 });

    // A named subscription sent without operationName, as GraphiQL sends it. The headers editor, as a user fills it in (insertText: no bracket auto-closing).
    await page.getByRole('button', { name: 'Headers' }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').first();
    await headers.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText(`{"Authorization": "Bearer ${owner.accessToken}"}`);

    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('subscription Watch { productChanged { name } }');
    await page.locator('.graphiql-execute-button').click();

    // The subscription is live once a created product shows up in the response pane.
    const name = `Seen in the IDE ${Date.now()}`;
    const shown = page.locator('.graphiql-response').filter({ hasText: name });
    for (let i = 0; i < 20 && (await shown.count()) === 0; i++) {
      const created = await graphql(
        api.url,
        'mutation C($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        { i: { name, price: 1 } },
        bearer(owner),
      );
      expect(created.body.errors).toBeUndefined();
      await shown.waitFor({ timeout: 1000 }).catch(() => undefined);
    }
    await page.screenshot({ path: 'tmp/graphiql-subscription.png' });
    expect(await page.locator('.graphiql-response').innerText()).toContain(name);
    expect(sockets).toEqual([`${api.url.replace('http://', 'ws://')}/graphql`]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
