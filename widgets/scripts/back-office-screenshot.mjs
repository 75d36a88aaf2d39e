// Takes docs/back-office.png (Familles, a household's file open) and docs/back-office-tablet.png
// (the catalog on a tablet in portrait): the demo agent signed in at /admin/.
// Start Foyer first (`npm start`), then: node widgets/scripts/back-office-screenshot.mjs [url]
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:8787/';
const docs = new URL('../../docs/', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});

async function signIn(page, fragment) {
  await page.goto(new URL(`/admin/#${fragment}`, base).href);
  await page.getByLabel('Adresse e-mail').fill('agent.demo@example.org');
  await page.getByLabel('Mot de passe', { exact: true }).fill('foyer-demo-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('navigation', { name: 'Sections du back-office' }).waitFor();
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await signIn(page, 'familles');
  await page.locator('foyer-admin-households tbody tr').first().waitFor();
  await page.screenshot({ path: `${docs}back-office.png`, fullPage: false });
  await page.locator('foyer-admin-households tbody tr button').first().click();
  await page.getByRole('heading', { name: 'Enfants et inscriptions' }).waitFor();
  await page.screenshot({ path: `${docs}back-office-household.png`, fullPage: true });

  const tablet = await browser.newPage({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 1 });
  await signIn(tablet, 'catalogue');
  await tablet.locator('foyer-admin-catalog tbody tr').first().waitFor();
  await tablet.screenshot({ path: `${docs}back-office-tablet.png`, fullPage: false });
  process.stdout.write(`wrote ${docs}back-office.png, back-office-household.png, back-office-tablet.png\n`);
} finally {
  await browser.close();
}
