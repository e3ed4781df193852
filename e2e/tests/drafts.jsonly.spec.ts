import { test, expect, freshPhone, signInHere, codeFor, storedOnPhone, goOffline, goOnline } from './fixtures';
import type { Page } from '@playwright/test';

// Drafts on the phone (issue 17): what is typed is kept in IndexedDB, survives going offline and a reload, syncs to
// the server's draft for another device, waits in an outbox when submitted offline, and leaves the phone at
// sign-out. JavaScript only by nature; the last test compares the messages with those of a page without it.

// Saturday 5 December 2026, 22:14.
const SATURDAY_NIGHT = '2026-12-05T22:14:00+08:00';
const FIVE_MINUTES_LATER = '2026-12-05T22:19:00+08:00';
const TEN_MINUTES_LATER = '2026-12-05T22:24:00+08:00';

/** A new browser context (another phone) at `clock`, signed in as `phone`. */
async function anotherPhone(browser: import('@playwright/test').Browser, testInfo: import('@playwright/test').TestInfo, origin: string, clock: string, phone: string) {
  const other = await browser.newContext({ ...testInfo.project.use });
  await other.addCookies([{ name: 'palm_now', value: encodeURIComponent(clock), url: origin }]);
  const there = await other.newPage();
  await signInAgain(there, phone);
  return { other, there };
}

/** The value typed for input `name` in the kept copy of the page whose URL ends with `page`. */
async function keptValue(page: Page, pageKey: string, name: string): Promise<string | undefined> {
  const recs = await storedOnPhone(page, 'drafts');
  const rec = recs.find((r) => r.page === pageKey);
  return rec?.values.find((v: [string, string]) => v[0] === name)?.[1];
}


/** Starts a GA-009 application as a new citizen; on its task list. */
/** Signs an existing citizen in again on another phone (the notice was accepted the first time). */
async function signInAgain(page: Page, phone: string) {
  await page.goto('/signin');
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('短信验证码').fill(await codeFor(page, phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

async function startApplication(page: Page, phone = freshPhone()) {
  await page.goto('/apply/GA-009');
  await signInHere(page, phone);
  await page.getByRole('button', { name: '开始申请' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上申报');
  return phone;
}

/** Opens a section from the task list and waits for its drafts island. */
async function openSection(page: Page, title: string) {
  await page.getByRole('link', { name: title }).click();
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
}

/** Waits until the service worker controls the page, then loads it again through it (so it is kept). */
async function keepOffline(page: Page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.reload();
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
}

async function finishAndCheck(page: Page) {
  await page.getByLabel('联系电话').fill('13812345678');
  await page.getByRole('button', { name: '保存并继续' }).click();
  await openSection(page, '申请事项');
  await page.getByLabel('就业、入职').check();
  await page.getByLabel('本人办理').check();
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.getByRole('link', { name: '上传材料' }).click();
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
  await page.getByLabel('选择文件').setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '上传并继续' }).click();
  await page.getByRole('link', { name: '返回任务列表' }).click();
  await page.getByRole('link', { name: '结果领取方式' }).click();
  await page.getByLabel('免费邮寄').check();
  await page.getByLabel('收件人', { exact: true }).fill('王秀英');
  await page.getByLabel('收件人手机号码').fill('13812345678');
  await page.getByLabel('乡镇（街道）和村（社区）').selectOption({ index: 1 });
  await page.getByLabel('详细地址').fill('玉明路3号');
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.getByRole('link', { name: '确认提交' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('提交前请核对');
  await expect(page.locator('.outbox[data-ready]')).toBeAttached();
}

/** A tiny real PNG (1 × 1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** My cases as the server lists them (from the database). */
async function myCases(page: Page) {
  await page.goto('/cases');
  return page.locator('.booking-line');
}

test('typing survives going offline and a reload; back online it is finished and submitted once', async ({ page, context, setClock, expectAccessible }) => {
  await setClock(SATURDAY_NIGHT);
  await startApplication(page);
  await openSection(page, '申请人信息');
  await keepOffline(page);
  await page.getByLabel('申请人姓名').fill('王秀英');
  await expect.poll(() => keptValue(page, 's/applicant', 'name')).toBe('王秀英');

  // The network goes: typing goes on, and a reload (from the service worker's copy) loses nothing.
  await goOffline(context);
  await page.getByLabel('申请人身份证号码').fill('11010519491231002X');
  await expect.poll(() => keptValue(page, 's/applicant', 'id_number')).toBe('11010519491231002X');
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
  await expect(page.getByLabel('申请人姓名')).toHaveValue('王秀英');
  await expect(page.getByLabel('申请人身份证号码')).toHaveValue('11010519491231002X');
  await expect(page.locator('.drafts__status')).toHaveText('已恢复您在本设备上填写的内容。');
  // 继续 while offline keeps the page as it is and says why.
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page.locator('.drafts__status')).toContainText('网络未连接');
  await expect(page.getByLabel('申请人身份证号码')).toHaveValue('11010519491231002X');

  // Back online: finished and submitted, one case.
  await goOnline(context);
  await expectAccessible();
  await finishAndCheck(page);
  await page.getByRole('button', { name: '承诺并提交' }).click();
  await expect(page.locator('.panel__title')).toHaveText('申请已提交');
  await expect(await myCases(page)).toHaveCount(1);
});

test('a submit made offline waits in the outbox and goes once when the network is back', async ({ page, context, setClock, expectAccessible }) => {
  await setClock(SATURDAY_NIGHT);
  await startApplication(page);
  await openSection(page, '申请人信息');
  await page.getByLabel('申请人姓名').fill('王秀英');
  await page.getByLabel('申请人身份证号码').fill('11010519491231002X');
  await finishAndCheck(page);
  const check = page.url();

  await goOffline(context);
  await page.getByRole('button', { name: '承诺并提交' }).click();
  const outbox = page.getByTestId('outbox');
  await expect(outbox).toContainText('待发送：“无犯罪记录证明开具”的申请已保存在本设备上，联网后自动提交');
  await expect.poll(async () => (await storedOnPhone(page, 'outbox')).length).toBe(1);
  const queued = (await storedOnPhone(page, 'outbox'))[0];
  await expectAccessible();

  // The network comes back: it is sent, and the page goes on to the case.
  await goOnline(context);
  // (The browser's `online` event sends it: no reload, no click.)
  await expect(page.locator('.panel__title')).toHaveText('申请已提交');
  const number = (await page.locator('.panel__reference').textContent())!.trim();
  expect(await storedOnPhone(page, 'outbox')).toEqual([]);

  // Sent again (a second tab, a retry after a lost answer): put back in the outbox, it goes from the next page that
  // sends the outbox (another application's check page), and the same key makes no second case.
  await page.evaluate(async (rec) => {
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('palm-drafts');
      open.onsuccess = () => {
        const tx = open.result.transaction('outbox', 'readwrite');
        tx.objectStore('outbox').put(rec);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, queued);
  await page.goto('/apply/GA-009');
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.goto(new URL(page.url()).pathname + '/check');
  await expect(page.getByTestId('outbox')).toContainText(`“无犯罪记录证明开具”的申请已提交，办件编号 ${number}。`);
  expect(await storedOnPhone(page, 'outbox')).toEqual([]);
  const cases = await myCases(page);
  await expect(cases).toHaveCount(1);
  await expect(cases.first()).toContainText(number);
  expect(check).toContain('/check');
});

test('a draft started on one phone is continued on another, and sign-out leaves nothing on the phone', async ({ page, browser, setClock }, testInfo) => {
  await setClock(SATURDAY_NIGHT);
  const phone = await startApplication(page);
  await openSection(page, '申请人信息');
  // Typed, never posted: the sync takes it to the server's draft.
  await page.getByLabel('申请人姓名').fill('王秀英');
  await page.getByLabel('申请人身份证号码').fill('11010519491231002X');
  await expect.poll(async () => (await storedOnPhone(page, 'drafts')).find((r) => r.page === 's/applicant')?.synced).toBe(true);
  const sectionUrl = page.url();
  // And half of 结果领取方式.
  await page.goto(sectionUrl.replace(/\/s\/applicant$/, '/delivery'));
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
  await page.getByLabel('免费邮寄').check();
  await page.getByLabel('收件人', { exact: true }).fill('王秀英');
  await expect.poll(async () => (await storedOnPhone(page, 'drafts')).find((r) => r.page === 'delivery')?.synced).toBe(true);

  const { other, there } = await anotherPhone(browser, testInfo, new URL(page.url()).origin, FIVE_MINUTES_LATER, phone);
  await there.goto('/drafts');
  await there.getByRole('link', { name: '无犯罪记录证明开具' }).click();
  await openSection(there, '申请人信息');
  expect(there.url()).toBe(sectionUrl);
  await expect(there.getByLabel('申请人姓名')).toHaveValue('王秀英');
  await expect(there.getByLabel('申请人身份证号码')).toHaveValue('11010519491231002X');
  await there.goto(sectionUrl.replace(/\/s\/applicant$/, '/delivery'));
  await expect(there.getByLabel('免费邮寄')).toBeChecked();
  await expect(there.getByLabel('收件人', { exact: true })).toHaveValue('王秀英');
  await other.close();

  // Typed on the first phone while the sync cannot get through: kept on the phone only …
  await page.goto(sectionUrl);
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
  await page.route('**/api/keep_application_section', (route) => route.abort('internetdisconnected'));
  await page.getByLabel('联系电话').fill('13812345678');
  await expect.poll(() => keptValue(page, 's/applicant', 'mobile')).toBe('13812345678');
  expect((await storedOnPhone(page, 'drafts')).find((r) => r.page === 's/applicant')?.synced).toBe(false);
  await page.unroute('**/api/keep_application_section');

  // … then signing out sends it first, and the drafts leave the phone.
  await page.goto('/account');
  await expect(page.locator('[data-ready]')).toBeAttached();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('palm-drafts');
  expect(await storedOnPhone(page, 'drafts')).toEqual([]);
  const later = await anotherPhone(browser, testInfo, new URL(page.url()).origin, TEN_MINUTES_LATER, phone);
  await later.there.goto(sectionUrl);
  await expect(later.there.getByLabel('联系电话')).toHaveValue('13812345678');
  await later.other.close();
});

test('when both phones changed a section, the newer edit wins and the page says so', async ({ page, browser, setClock }, testInfo) => {
  await setClock(SATURDAY_NIGHT);
  const phone = await startApplication(page);
  await openSection(page, '申请人信息');
  await keepOffline(page);
  // Phone A edits offline first …
  await goOffline(page.context());
  await page.getByLabel('申请人姓名').fill('王秀');
  await expect.poll(() => keptValue(page, 's/applicant', 'name')).toBe('王秀');
  const sectionUrl = page.url();

  // … phone B edits later, online.
  const { other, there } = await anotherPhone(browser, testInfo, new URL(sectionUrl).origin, FIVE_MINUTES_LATER, phone);
  await there.goto(sectionUrl);
  await expect(there.locator('.drafts[data-ready]')).toBeAttached();
  await there.getByLabel('申请人姓名').fill('王秀英');
  await expect.poll(async () => (await storedOnPhone(there, 'drafts')).find((r) => r.page === 's/applicant')?.synced).toBe(true);
  await other.close();

  // A comes back online: its copy is sent, the server has B's newer one, and A's page shows it and says so.
  await goOnline(page.context());
  await expect(page.getByLabel('申请人姓名')).toHaveValue('王秀英');
  await expect(page.locator('.drafts__status')).toContainText('其他设备上有较新的修改');
});

test('a large photo is made smaller in the browser and its progress bar reaches 100 %', async ({ page, setClock }) => {
  await setClock(SATURDAY_NIGHT);
  await startApplication(page);
  await page.getByRole('link', { name: '上传材料' }).click();
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
  // A 3000 × 2000 camera photo, made by the browser itself.
  const photo = Buffer.from(await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 3000; c.height = 2000;
    const g = c.getContext('2d')!;
    for (let i = 0; i < 200; i++) { g.fillStyle = `hsl(${i * 7} 60% 50%)`; g.fillRect((i * 137) % 3000, (i * 71) % 2000, 300, 200); }
    const blob: Blob = await new Promise((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.95));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }));
  // The bar and the message, as the page shows them, noted as they change (the page moves on when it is done).
  await page.addInitScript(() => {
    const seen: string[] = JSON.parse(sessionStorage.getItem('seen') ?? '[]');
    new MutationObserver(() => {
      const bar = document.querySelector('.file-upload__progress progress') as HTMLProgressElement | null;
      const said = document.querySelector('.drafts__status')?.textContent ?? '';
      seen.push(`${bar?.value ?? ''}|${said}`);
      sessionStorage.setItem('seen', JSON.stringify(seen));
    }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  await page.reload();
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
  await page.getByLabel('选择文件').setInputFiles({ name: 'IMG_3000.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('上传材料');
  const seen: string[] = JSON.parse((await page.evaluate(() => sessionStorage.getItem('seen'))) ?? '[]');
  const values = seen.map((s) => Number(s.split('|')[0])).filter((v) => !Number.isNaN(v));
  expect(values).toContain(100);
  expect(Math.max(...values)).toBe(100);
  expect(seen.some((s) => s.includes('照片已从 3000×2000 缩小为 2000×1333 像素后上传'))).toBe(true);
  // What the server keeps is the smaller photo.
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  const href = await page.locator('.upload-preview__link').getAttribute('href');
  const kept = await (await page.request.get(href!)).body();
  expect(jpegSize(kept)).toEqual([2000, 1333]);
});

test('a photo picked offline waits on the phone as a Blob and is uploaded when the network is back', async ({ page, context, setClock }) => {
  await setClock(SATURDAY_NIGHT);
  await startApplication(page);
  await page.getByRole('link', { name: '上传材料' }).click();
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  await expect(page.locator('.drafts[data-ready]')).toBeAttached();
  await goOffline(context);
  await page.getByLabel('选择文件').setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(page.locator('.drafts__status')).toHaveText('网络未连接：“id.png”已保存在本设备上，联网后自动上传。');
  const kept = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((r) => { const o = indexedDB.open('palm-drafts'); o.onsuccess = () => r(o.result); });
    const recs: any[] = await new Promise((r) => { const q = db.transaction('files').objectStore('files').getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return recs.map((f) => ({ material: f.material, name: f.name, blob: f.blob instanceof Blob, size: f.blob.size }));
  });
  expect(kept).toEqual([{ material: 'm1', name: 'id.png', blob: true, size: PNG.length }]);

  // Back online: it goes by itself, and leaves the phone.
  await goOnline(context);
  await expect.poll(async () => (await storedOnPhone(page, 'files')).length).toBe(0);
  await page.goto(page.url().replace(/\/m\/m1$/, '/materials'));
  await expect(page.locator('.task-list__item').filter({ hasText: '申请人居民身份证' })).toContainText('已上传');
});

/** A JPEG's width and height, from its start-of-frame segment. */
function jpegSize(b: Buffer): [number, number] {
  let i = 2;
  while (i < b.length) {
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return [b.readUInt16BE(i + 7), b.readUInt16BE(i + 5)];
    i += 2 + len;
  }
  throw new Error('no frame');
}

// Wrong answers typed on the applicant's page, and where the message goes.
const WRONG: { label: string; field: string; value: string }[] = [
  { label: '申请人姓名', field: 'name', value: '' },
  { label: '申请人姓名', field: 'name', value: '王'.repeat(21) },
  { label: '申请人身份证号码', field: 'id_number', value: '110105194912310021' },
  { label: '申请人身份证号码', field: 'id_number', value: '1101051949' },
  { label: '联系电话', field: 'mobile', value: '1381234567' },
  { label: '联系电话', field: 'mobile', value: '23812345678' },
];

test('each wrong answer gets the same words before posting (JavaScript) as after (without)', async ({ page, browser, setClock }, testInfo) => {
  await setClock(SATURDAY_NIGHT);
  const phone = await startApplication(page);
  await openSection(page, '申请人信息');
  const sectionUrl = page.url();
  const plain = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: false });
  await plain.addCookies(await page.context().cookies());
  const nojs = await plain.newPage();
  for (const w of WRONG) {
    // With JavaScript: typed and left, no post.
    await page.goto(sectionUrl);
    await expect(page.locator('.drafts[data-ready]')).toBeAttached();
    const field = page.getByLabel(w.label);
    await field.fill(w.value === '' ? 'x' : w.value);
    if (w.value === '') await field.fill('');
    await field.blur();
    const before = (await page.locator(`#${w.field}-error`).textContent())?.trim();
    expect(page.url()).toBe(sectionUrl);
    // Without: posted, the page comes back with the server's message.
    await nojs.goto(sectionUrl);
    await nojs.getByLabel(w.label).fill(w.value);
    await nojs.getByRole('button', { name: '保存并继续' }).click();
    const after = (await nojs.locator(`#${w.field}-error`).textContent())?.trim();
    expect(after, `${w.label} = "${w.value}"`).toBeTruthy();
    expect(before, `${w.label} = "${w.value}"`).toBe(after);
  }
  await plain.close();
  expect(phone).toBeTruthy();
});
