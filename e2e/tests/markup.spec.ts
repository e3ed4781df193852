import { test, expect, signInCitizen, staffSignIn } from './fixtures';
import type { Page } from '@playwright/test';

// Issue 12, item 2: whatever a person types — in a form field or a URL — is shown as text, never run or parsed as
// markup. Each payload marks what it would create with `data-pwned`; after every page the test looks for such an
// element (escaping, checked in both projects) and, with JavaScript, for a dialog (script run despite the policy).
const PAYLOADS = [
  '<b data-pwned>粗</b>',
  '"><img src=x data-pwned onerror=alert(1)>',
  "'><svg data-pwned onload=alert(1)>",
  '</title><script>alert(1)</script><i data-pwned>',
  '</textarea><i data-pwned>x</i>',
  'javascript:alert(1)',
];

async function clean(page: Page, where: string) {
  expect(await page.locator('[data-pwned]').count(), `markup became elements on ${where}`).toBe(0);
  // In <head> too: a title that closed early would leave its markup in the document.
  expect(await page.locator('head [data-pwned], head script:not([src]):not([nonce])').count(), where).toBe(0);
}

/** For each form of the page that has a text field: fills its text fields with `payload`, submits it, and checks
 *  the page it lands on (the page is loaded afresh for each form). */
async function submitEverywhere(page: Page, url: string, payload: string) {
  await page.goto(url);
  const textFields = 'input[type="text"], input:not([type]), input[type="tel"], input[type="search"], textarea';
  const forms = page.locator('form').filter({ has: page.locator(textFields) });
  const count = await forms.count();
  for (let f = 0; f < count; f++) {
    if (f > 0) await page.goto(url);
    const form = page.locator('form').filter({ has: page.locator(textFields) }).nth(f);
    if (!(await form.isVisible())) continue;
    const fields = form.locator(textFields);
    for (let i = 0; i < (await fields.count()); i++) {
      if (await fields.nth(i).isVisible()) await fields.nth(i).fill(payload);
    }
    // Submitted from the keyboard on its button (see queue.spec.ts: a pointer click can miss under load).
    await form.locator('button[type="submit"], button:not([type])').first().press('Enter');
    await page.waitForLoadState();
    await clean(page, `${url} form ${f + 1} (${payload})`);
  }
  if (count === 0) await clean(page, `${url} (${payload})`);
}

test('markup typed into any field or URL is shown as text and never runs', async ({ page, browser, setClock }, info) => {
  test.slow();
  const dialogs: string[] = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await setClock('2026-11-26T10:00:00+08:00');

  // Query parameters of the public pages.
  for (const p of PAYLOADS) {
    const q = encodeURIComponent(p);
    for (const url of [`/guide?q=${q}`, `/guide?dept=${q}&audience=${q}`, `/map?village=${q}&town=${q}`, `/calendar?from=${q}&days=${q}`,
      `/signin?next=${q}`, `/book?item=${q}`, `/book?q=${q}`, `/guide/${q}`, `/map/points/${q}`, `/tickets/${q}`, `/bookings/${q}`,
      `/track/${q}?s=${q}`]) {
      await page.goto(url);
      await clean(page, url);
    }
    await submitEverywhere(page, '/guide', p);
    await submitEverywhere(page, '/calendar', p);
    await submitEverywhere(page, '/signin', p);
    await submitEverywhere(page, '/track', p);
  }

  // A citizen's forms: the booking flow's name fields.
  await signInCitizen(page);
  for (const p of PAYLOADS.slice(0, 3)) {
    await page.goto(`/book?q=${encodeURIComponent(p)}`);
    await clean(page, 'book search');
    await submitEverywhere(page, '/book?item=SJ-001&point=530127&day=2026-11-28&slot=' + encodeURIComponent('530127|SJ|1795827600'), p);
  }

  // The administrator's forms: staff accounts, windows, booking rules, road network.
  const admin = await browser.newContext({ ...info.project.use });
  const a = await admin.newPage();
  a.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await staffSignIn(a, 'admin', 'PalmHall-admin-2026');
  for (const p of PAYLOADS) {
    for (const url of ['/admin', '/admin/windows?point=530127-B2', '/admin/booking', '/admin/network']) {
      await submitEverywhere(a, url, p);
    }
    await a.goto(`/admin/windows?point=${encodeURIComponent(p)}&edit=${encodeURIComponent(p)}`);
    await clean(a, 'admin windows query');
    await a.goto(`/staff/checkin?point=${encodeURIComponent(p)}`);
    await clean(a, 'checkin query');
    await submitEverywhere(a, '/staff/checkin', p);
    // Case processing (issue 18): the intake list's filters, a case number in the URL, counter filing's form.
    await a.goto(`/staff/cases?state=${encodeURIComponent(p)}&item=${encodeURIComponent(p)}&date=${encodeURIComponent(p)}`);
    await clean(a, 'intake list query');
    await a.goto(`/staff/cases/${encodeURIComponent(p)}/notice/${encodeURIComponent(p)}`);
    await clean(a, 'case notice URL');
    await submitEverywhere(a, '/staff/counter', p);
    await a.goto(`/admin/placards?point=${encodeURIComponent(p)}`);
    await clean(a, 'placards query');
  }
  // Stored, then shown elsewhere: a window named with markup, on the screens list, its screen and the clerk's console.
  // Side by side on one server: each project numbers its own window.
  const number = info.project.name === 'js' ? '88' : '89';
  await a.goto('/admin/windows?point=530127-B2');
  const form = a.locator('form', { has: a.getByLabel('名称') });
  await form.getByLabel('窗口（叫号办理）').check();
  await form.getByLabel('编号').fill(number);
  await form.getByLabel('名称').fill('"><i data-pwned>窗'); // names are at most 20 characters
  await form.locator('input[name="departments[]"]').first().check();
  await form.locator('button[type="submit"]').first().press('Enter');
  await a.waitForLoadState();
  await clean(a, 'windows after saving a named window');
  await a.goto('/admin/screens');
  await clean(a, 'screens list');
  const screen = a.getByRole('row', { name: new RegExp(`${number}号窗口`) }).getByRole('link', { name: /\/windows\/W\d+\/screen/ });
  await a.goto((await screen.getAttribute('href'))!);
  await clean(a, 'a window screen');
  await a.goto('/staff/window');
  await clean(a, 'window console');
  await admin.close();
  expect(dialogs).toEqual([]);
});
