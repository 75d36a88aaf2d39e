// Takes docs/town-site.png: the demo town site with the demo parent signed in, a few days in
// the cart. Start Foyer first (`npm start`), then: node widgets/scripts/town-site-screenshot.mjs [url]
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://localhost:8787/';
const out = new URL('../../docs/town-site.png', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.getByLabel('Adresse e-mail').fill('parent.demo@example.org');
  await page.getByLabel('Mot de passe', { exact: true }).fill('foyer-demo-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Connecté en tant que').waitFor();
  // The first bookable days of the forecast, into the cart.
  const bookable = page.locator('foyer-calendar button.cell.bookable');
  await bookable.first().waitFor();
  for (let i = 0; i < 3; i++) {
    await bookable.first().click();
    await page.waitForTimeout(300);
  }
  await page.locator('foyer-cart [part="summary"]', { hasText: '3 REPAS' }).waitFor();
  await page.locator('#espace-famille').scrollIntoViewIfNeeded();
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
}
