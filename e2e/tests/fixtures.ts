import path from 'node:path';
import { test as base, expect, Page, BrowserContext, Browser, TestInfo } from '@playwright/test';
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
  expectAccessible: async ({ page, browser }, use, testInfo) => {
    await use(async (target?: Page) => {
      const p = target ?? page;
      let scanPage = p;
      let scratch: BrowserContext | undefined;
      if (testInfo.project.name === 'nojs') {
        // axe runs JavaScript in the page: scan the same server-rendered markup in a JS-enabled context that
        // never loads the app's own scripts.
        scratch = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: true });
        await scratch.addCookies(await p.context().cookies());
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
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A phone number no other test uses. */
export function freshPhone(): string {
  return '139' + String(Date.now() % 1e8).padStart(8, '0').slice(0, 4) + String(Math.floor(Math.random() * 1e4)).padStart(4, '0');
}

/**
 * Runs the server's background jobs once at this browser context's clock (`POST /dev/jobs/run`, test clock only):
 * `notifications` delivers due messages, `bookings` sends reminders and records no-shows, `ratings` reminds
 * applicants of unrated completed cases; none named runs all.
 * The server's own jobs run on its fixed default clock, before every date a test sets, so they never do this.
 */
export async function runJobs(page: Page, ...jobs: ('notifications' | 'bookings' | 'drafts' | 'ratings')[]) {
  const res = await page.request.post('/dev/jobs/run', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: jobs.map((j) => `job=${j}`).join('&'),
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Delivers the messages due at this context's clock and opens the SMS sink: the messages sent to `phone`. */
export async function smsTo(page: Page, phone: string) {
  await runJobs(page, 'notifications');
  await page.goto('/dev/sms');
  return page.locator(`.sms-list__item[data-phone="${phone}"]`);
}

/** Reads the newest sign-in code sent to `phone` from the SMS sink (/dev/sms), in a page of its own. */
export async function codeFor(page: Page, phone: string): Promise<string> {
  const sms = await page.context().newPage();
  await sms.goto('/dev/sms');
  const body = sms.locator(`.sms-list__item[data-phone="${phone}"] .sms-list__body`).filter({ hasText: '验证码' }).first();
  await expect(body).toContainText('验证码');
  // One signature for every message Palm Hall sends (issue 15).
  await expect(body).toHaveText(/^【掌上办事大厅】/);
  const code = (await body.textContent())!.match(/验证码为(\d{6})/)![1];
  await sms.close();
  return code;
}

/** Signs a new citizen in from the sign-in page the browser is on (code from the SMS sink, notice accepted). */
export async function signInHere(page: Page, phone: string) {
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('短信验证码').fill(await codeFor(page, phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: '同意并继续' }).click();
}

/** Signs a new citizen in from the sign-in page and accepts the notice; returns their phone. */
export async function signInCitizen(page: Page): Promise<string> {
  const phone = freshPhone();
  await page.goto('/signin');
  await signInHere(page, phone);
  return phone;
}

/** A page in a new browser context of this project (js or nojs) on the test clock at `iso`. */
export async function pageAt(browser: Browser, testInfo: TestInfo, iso: string): Promise<Page> {
  const context = await browser.newContext({ ...testInfo.project.use });
  await context.addCookies([{ name: 'palm_now', value: encodeURIComponent(iso), url: testInfo.project.use.baseURL ?? 'http://127.0.0.1:3100' }]);
  return context.newPage();
}

/** A mobile number as pages show it to anyone but the staff handling it: 139****1234. */
export const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

/** Reads the palm-drafts store `store` (IndexedDB) as the page's own scripts would: every record. */
export async function storedOnPhone(page: Page, store: string): Promise<any[]> {
  return page.evaluate(async (name) => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'palm-drafts')) return [];
    return await new Promise<any[]>((resolve, reject) => {
      const open = indexedDB.open('palm-drafts');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains(name)) { db.close(); resolve([]); return; }
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => { db.close(); resolve(req.result); };
        req.onerror = () => { db.close(); reject(req.error); };
      };
    });
  }, store);
}

/** Cuts this context off the network: the browser says it is offline, and every request (the service worker's
 *  included) is refused, as when the server cannot be reached. */
export async function goOffline(context: BrowserContext) {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}

export async function goOnline(context: BrowserContext) {
  await context.unroute('**/*');
  await context.setOffline(false);
}

/** On an application's list of materials: uploads `file` (from e2e/fixtures) as the material `name`. */
export async function uploadMaterial(page: Page, name: string, file: string) {
  await page.getByRole('link', { name }).click();
  await page.getByLabel('选择文件').setInputFiles(path.join(__dirname, '..', 'fixtures', file));
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(page.locator('.task-list__item').filter({ hasText: name })).toContainText('已上传');
}

/** From an application's task list: free postal delivery to `recipient`, then check answers and submit. The case number. */
export async function postAndSubmit(page: Page, recipient: string, mobile: string, detail: string): Promise<string> {
  await page.getByRole('link', { name: '结果领取方式' }).click();
  await page.getByLabel('免费邮寄').check();
  await page.getByLabel('收件人', { exact: true }).fill(recipient);
  await page.getByLabel('收件人手机号码').fill(mobile);
  await page.getByLabel('乡镇（街道）和村（社区）').selectOption({ index: 1 });
  await page.getByLabel('详细地址').fill(detail);
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.getByRole('link', { name: '确认提交' }).click();
  await page.getByRole('button', { name: '承诺并提交' }).click();
  await expect(page.locator('.panel__title')).toHaveText('申请已提交');
  return (await page.locator('.panel__reference').textContent())!.trim();
}
