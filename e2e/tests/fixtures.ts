import { test as base, expect, Page, BrowserContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

type Fixtures = {
  /** Sets "now" for this test's requests (the server honours it only with PALM_TEST_CLOCK=1). */
  setClock: (iso: string) => Promise<void>;
  /** Scans the current page with axe and expects no violations. */
  expectAccessible: (page?: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  setClock: async ({ context, baseURL }, use) => {
    await use(async (iso: string) => {
      await context.addCookies([{ name: 'palm_now', value: encodeURIComponent(iso), url: baseURL! }]);
    });
  },
  expectAccessible: async ({ page, browser, context }, use, testInfo) => {
    await use(async (target?: Page) => {
      const p = target ?? page;
      let scanPage = p;
      let scratch: BrowserContext | undefined;
      if (testInfo.project.name === 'nojs') {
        // axe runs JavaScript in the page: scan the same server-rendered markup in a JS-enabled context that
        // never loads the app's own scripts.
        scratch = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: true });
        await scratch.addCookies(await context.cookies());
        await scratch.route('**/pkg/**/*.{js,wasm}', (r) => r.abort());
        scanPage = await scratch.newPage();
        await scanPage.goto(p.url());
      }
      const results = await new AxeBuilder({ page: scanPage }).analyze();
      await scratch?.close();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`)).toEqual([]);
    });
  },
});

export { expect };

/** Signs a staff member in on the staff sign-in page. */
export async function staffSignIn(page: Page, username: string, password: string) {
  await page.goto('/signin/staff');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
