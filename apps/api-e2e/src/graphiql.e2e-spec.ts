import { chromium, type Browser } from 'playwright-core';
import { startApi, testEnv, type RunningApi } from '@app/testing';

// Debian's Chromium (tools/browser.sh installs it); no browser download.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('GraphQL IDE page in a real browser, with the network closed', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi(testEnv());
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
});
