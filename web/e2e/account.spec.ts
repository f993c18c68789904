// The account in the browser: turning MFA on from the QR page and signing in with password then TOTP;
// "sign out everywhere" ending the sign-ins of the other browsers.
import { test, expect } from '@playwright/test';
import { apiContext, artifacts, browserPage, closeContexts, newUser, signIn, totp, PASSWORD } from './helpers';

test.afterEach(closeContexts);

test('MFA: enrol with the QR code, sign out, sign in with the password then the TOTP', async ({ browser }) => {
  const api = await apiContext();
  const mia = await newUser(api, 'Mia');
  const page = await browserPage(browser);
  await signIn(page, mia);
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByLabel(/Your password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Set up authenticator' }).click();
  const qr = page.getByRole('img', { name: /QR code of the authenticator key/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/); // drawn in the browser, no remote service
  const secret = (await page.locator('code').first().textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
  await page.screenshot({ path: `${artifacts}/web-mfa-enrol.png` });
  // A code is good once and the server takes the step before and after the current one: confirm with the
  // previous step's code, so the sign-in below can use the current one without waiting for the next window.
  await page.getByLabel('The 6-digit code the app shows').fill(totp(secret, Date.now() - 30_000));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication is on' })).toBeVisible();
  await expect(page.getByRole('status').locator('code')).toHaveCount(10); // the recovery codes, shown once

  // Signing out from a protected page does not make it where the next sign-in lands.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill(mia.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The second step: a wrong code is refused in words, the right one signs in.
  await page.getByLabel('Authentication code').fill('000000' === totp(secret) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('p[role=alert]')).toContainText(/credentials are wrong|code/i);
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('whoami')).toHaveText('Mia');
  await expect(page).toHaveURL(/\/workspaces$/);
  // The sign-in holds across a reload (the refresh cookie the second step set).
  await page.reload();
  await expect(page.getByTestId('whoami')).toHaveText('Mia');
  // The account page knows MFA is on: it offers to turn it off, not to set it up again.
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication is on' })).toBeVisible();
  await expect(page.getByLabel(/Turn it off/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Set up authenticator' })).toHaveCount(0);
});

test('sign out everywhere ends the sign-in of the other browser', async ({ browser }) => {
  const api = await apiContext();
  const sam = await newUser(api, 'Sam');
  const laptop = await browserPage(browser), phone = await browserPage(browser);
  await signIn(laptop, sam); await signIn(phone, sam);
  await laptop.goto('/account');
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop).toHaveURL(/\/login/);
  // The laptop's reload finds no sign-in, nor does the phone's (its refresh token was revoked).
  await laptop.goto('/workspaces');
  await expect(laptop).toHaveURL(/\/login\?next=/);
  await phone.goto('/workspaces');
  await expect(phone).toHaveURL(/\/login\?next=/);
  await expect(phone.getByTestId('whoami')).toHaveCount(0);
});
