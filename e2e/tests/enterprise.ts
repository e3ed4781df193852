import { expect, freshPhone, masked, pageAt, signInHere, staffSignIn } from './fixtures';
import type { Browser, Page, TestInfo } from '@playwright/test';

// Enterprise accounts' steps shared by the journeys (enterprise.spec.ts, enterprise.jsonly.spec.ts).

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character of a code's first 17 characters. */
function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** A valid USCC no other test uses: a company (91) in 嵩明县 (530127) with a random organisation code. */
export function freshUscc(): string {
  const body = '91530127' + Array.from({ length: 9 }, () => ALPHABET[Math.floor(Math.random() * 31)]).join('');
  return body + checkCharacter(body);
}

/** The centre administrator verifies the registration of `name` on /admin/enterprises. */
export async function verify(browser: Browser, testInfo: TestInfo, iso: string, uscc: string, name: string, expectAccessible?: (p?: Page) => Promise<void>) {
  const centre = await pageAt(browser, testInfo, iso);
  await staffSignIn(centre, 'admin', 'PalmHall-admin-2026');
  await centre.goto('/admin/enterprises');
  await expect(centre.locator(`[data-uscc="${uscc}"]`)).toContainText(name);
  await expectAccessible?.(centre);
  await centre.getByRole('button', { name: `核验通过：${name}` }).click();
  await expect(centre.locator(`[data-uscc="${uscc}"]`)).toHaveCount(0);
  await centre.context().close();
}

/** On the enterprise's page (`page`, its administrator's): invites a new colleague, who signs in (in a context of
 *  their own) and accepts. The colleague's page, on the enterprise's page, and their phone. */
export async function inviteColleague(page: Page, browser: Browser, testInfo: TestInfo, iso: string, uscc: string, beforeAccepting?: (colleague: Page, phone: string) => Promise<void>, expectAccessible?: (p?: Page) => Promise<void>) {
  const phone = freshPhone();
  await page.getByLabel('经办人手机号码').fill(phone);
  await page.getByRole('button', { name: '发送邀请' }).click();
  await expect(page.getByText(masked(phone), { exact: true })).toBeVisible();
  const colleague = await pageAt(browser, testInfo, iso);
  await beforeAccepting?.(colleague, phone);
  await colleague.goto('/signin?next=/enterprise');
  await signInHere(colleague, phone);
  await expect(colleague).toHaveURL(/\/enterprise$/);
  await expectAccessible?.(colleague);
  await colleague.getByRole('button', { name: '接受邀请' }).click();
  await expect(colleague).toHaveURL(new RegExp(`/enterprise/${uscc}$`));
  return { colleague, phone };
}
