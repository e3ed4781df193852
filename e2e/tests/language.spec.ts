import { test, expect, signInCitizen, smsTo } from './fixtures';

// A Tuesday lunchtime: the county hall serves through lunch, so its state is "Open".
const TUESDAY_LUNCH = '2026-11-24T12:30:00+08:00';

test('switch the interface to English, keep catalogue content Chinese, remember it, and switch back', async ({ page, context, setClock, expectAccessible }) => {
  await setClock(TUESDAY_LUNCH);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const toEnglish = page.getByRole('button', { name: 'English' });
  await expect(toEnglish).toHaveAttribute('lang', 'en');
  await toEnglish.click();

  // The home page in English.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Songming County Palm Hall');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Service guide' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Service points' })).toBeVisible();
  await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('lang', 'zh-CN');
  const cookie = (await context.cookies()).find((c) => c.name === 'palm_lang');
  expect(cookie?.value).toBe('en');
  expect(cookie?.sameSite).toBe('Lax');
  expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(360 * 24 * 3600);
  await expectAccessible();

  // Catalogue content stays Chinese: a Chinese search still finds the item by its Chinese name.
  await page.getByLabel('Search for a service').fill('营业执照');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “营业执照”');
  await page.getByRole('link', { name: '个体工商户营业执照设立登记' }).click();

  // The item page, remembered in English; the item's own data in Chinese.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('个体工商户营业执照设立登记');
  await expect(page.getByRole('heading', { name: 'Documents to bring' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Where to go' })).toBeVisible();
  await expect(page.getByText('Done on the spot').first()).toBeVisible();
  const hall = page.locator('.place-list__item').filter({ hasText: '嵩明县政务服务中心' });
  await expect(hall).toContainText('Open');
  await expect(hall).toContainText('closes at 19:00');
  await expectAccessible();

  // A point page in English.
  await hall.getByRole('link', { name: '嵩明县政务服务中心' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('嵩明县政务服务中心');
  await expect(page.getByRole('heading', { name: 'Opening hours' })).toBeVisible();
  await expect(page.getByText('Address', { exact: true })).toBeVisible();
  await expect(page.getByText(/^Today \(Tuesday, 24 November\)/)).toBeVisible();
  await expectAccessible();

  // The calculator's messages name the field in English.
  await page.goto('/calendar?from=2026-13-01&days=');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Holidays and working days');
  await expect(page.getByRole('alert')).toContainText('Enter the date accepted in the format 2026-09-30');
  await expect(page.getByRole('alert')).toContainText('Enter the number of working days');
  await expectAccessible();

  // Back to Chinese.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('节假日与工作日');
  await expect(page.getByRole('alert')).toContainText('请输入工作日天数');
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
});

test('sign-in pages and their messages follow the language, and the switch keeps the page', async ({ page, expectAccessible }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your mobile number');
  await expect(page.getByRole('link', { name: 'Staff sign in' })).toBeVisible();
  await expectAccessible();
  await page.getByRole('link', { name: 'Staff sign in' }).click();
  await page.getByLabel('Username').fill('nobody-here');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The username or password is not right');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作人员登录');
});

test('a citizen books in English: every step, its error and the booking speak English; the SMS stays Chinese', async ({ page, setClock, expectAccessible }) => {
  test.slow();
  await setClock('2026-11-26T10:00:00+08:00');
  const phone = await signInCitizen(page);
  await page.goto('/book?item=SJ-001');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where would you like to go?');
  await expect(page).toHaveTitle(/^Book a visit: choose a service point/);
  await expect(page.getByText('The county hall is open every day of the year')).toBeVisible();
  await page.getByLabel('Your village or community').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Sort by distance' }).click();
  await expect(page.getByRole('status')).toContainText(/^Listed by travel time from .+, nearest first\.$/);
  await expect(page.locator('.choice-list__hint').first()).toContainText(/^about \d+ min · /);
  await expectAccessible();
  await page.getByRole('link', { name: '嵩明县政务服务中心' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a day');
  await expect(page.getByText('You can book a time in the next 14 days, starting today.')).toBeVisible();
  await expect(page.locator('.day-list li').first()).toContainText(/places left|Closed|Fully booked/);
  await page.getByRole('link', { name: 'Saturday 28 November' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a time on Saturday 28 November');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveTitle(/^Error: Book a visit: choose a time/);
  await expect(page.getByRole('alert')).toContainText('Choose a time');
  await expectAccessible();
  await page.getByLabel('09:00–09:30').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your booking');
  await expect(page.locator('.summary-list')).toContainText('Saturday 28 November 2026, 09:00–09:30');
  await expect(page.locator('.summary-list')).toContainText(/Myself \(\d{3}\*{4}\d{4}\)/);
  await expect(page.getByText(/from 30 minutes before your time until 15 minutes after it ends/)).toContainText('3 no-shows within 90 days suspend booking for 30 days');
  await page.getByRole('button', { name: 'Confirm the booking' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your name as on your ID card');
  await expectAccessible();
  await page.getByLabel('Your name').fill('张秀英');
  await page.getByRole('button', { name: 'Confirm the booking' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Booking confirmed');
  await expect(page.getByRole('img', { name: 'Check-in QR code' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Please bring' })).toBeVisible();
  await expect(page.getByText(/Not checking in by 15 minutes after your time ends counts as not attending/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cancel the booking' })).toBeVisible();
  await expectAccessible();
  await page.getByRole('link', { name: 'Cancel the booking' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Are you sure you want to cancel this booking?');
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Booking details');
  await expect(page.locator('.summary-list')).toContainText('Cancelled');
  await page.goto('/bookings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My bookings');
  await expect(page.getByRole('heading', { name: 'Past bookings' })).toBeVisible();
  await expectAccessible();
  // Text messages go out in Chinese (an account has no language; the number may be someone else's).
  const sms = await smsTo(page, phone);
  await expect(sms.filter({ hasText: '您已预约' }).first()).toContainText('【掌上办事大厅】');
  await expect(sms.filter({ hasText: '2026年11月28日 星期六 09:00–09:30' }).first()).toBeVisible();
});
